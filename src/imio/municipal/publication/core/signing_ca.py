"""A local test CA and one document-signing certificate per municipality.

For the demo (`make run`) and the tests only, like the local timestamp
authority: real municipalities sign with a certificate from a qualified
provider or with an eID card. Files written in ``directory`` (reused when
they exist):

- ``ca.pem``: the test root certificate (what verifiers must trust);
- ``<municipality id>.p12``: key, certificate and chain (PKCS#12);
- ``<municipality id>.pass``: the PKCS#12 passphrase (mode 600).

    python -m imio.municipal.publication.core.signing_ca --dir var/signing \\
        namur="Ville de Namur" gembloux="Ville de Gembloux"
"""

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from imio.municipal.publication.core.pki import distinguished_name
from imio.municipal.publication.core.pki import issue_signer
from imio.municipal.publication.core.pki import self_signed_root
from imio.municipal.publication.core.pki import write_certificate
from imio.municipal.publication.core.pki import write_private_key
from pathlib import Path

import argparse
import secrets


CA_NAME = "imio.municipal test signing CA"


def _ca(directory: Path):
    """The test root (created once): (certificate, key)."""
    cert_path, key_path = directory / "ca.pem", directory / "ca.key"
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return cert, key
    cert, key = self_signed_root(CA_NAME)
    write_private_key(key_path, key)
    write_certificate(cert_path, cert)
    return cert, key


def create_signing_identity(directory: Path, municipality_id: str, title: str) -> Path:
    """Write ``<id>.p12`` and ``<id>.pass`` (once) for ``title``; the .p12 path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    p12_path = directory / f"{municipality_id}.p12"
    pass_path = directory / f"{municipality_id}.pass"
    if p12_path.exists() and pass_path.exists():
        return p12_path
    ca_cert, ca_key = _ca(directory)
    cert, key = issue_signer(distinguished_name(title, organization=title), ca_cert, ca_key)
    passphrase = secrets.token_urlsafe(24)
    p12_path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            municipality_id.encode(),
            key,
            cert,
            [ca_cert],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    p12_path.chmod(0o600)
    pass_path.write_text(passphrase + "\n")
    pass_path.chmod(0o600)
    return p12_path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default="var/signing", type=Path)
    parser.add_argument("identities", nargs="+", help='municipality id="Title"')
    args = parser.parse_args(argv)
    for identity in args.identities:
        municipality_id, _sep, title = identity.partition("=")
        print(create_signing_identity(args.dir, municipality_id, title or municipality_id))


if __name__ == "__main__":
    main()
