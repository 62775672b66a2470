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
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pathlib import Path

import argparse
import datetime
import secrets


CA_NAME = "imio.municipal test signing CA"
TEN_YEARS = datetime.timedelta(days=3650)


def _name(common_name: str, organization: str = "imio.municipal test") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _start() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)


def _ca(directory: Path):
    """The test root (created once): (certificate, key)."""
    cert_path, key_path = directory / "ca.pem", directory / "ca.key"
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return cert, key
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(CA_NAME)
    now = _start()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + TEN_YEARS)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
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
    key = ec.generate_private_key(ec.SECP256R1())
    now = _start()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(title, organization=title))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + TEN_YEARS)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        # digitalSignature and nonRepudiation (content commitment): a document signature.
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
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
