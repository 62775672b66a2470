"""Test certificates shared by the local timestamp authority and signing CA.

Only for the demo and the tests: a self-signed root and the leaves it issues
(EC P-256, ten years, SHA-256), with the key usages a verifier checks.
"""

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pathlib import Path

import datetime


TEN_YEARS = datetime.timedelta(days=3650)
TEST_ORGANIZATION = "imio.municipal test"

#: digitalSignature and nonRepudiation (content commitment): what a signer needs.
SIGNER_USAGE = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
#: keyCertSign and cRLSign: what a CA needs.
CA_USAGE = x509.KeyUsage(False, False, False, False, False, True, True, False, False)


def distinguished_name(common_name: str, organization: str = TEST_ORGANIZATION) -> x509.Name:
    """C=BE, O=organization, CN=common_name."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _start() -> datetime.datetime:
    # A few minutes back, so that a verifier with a slightly late clock accepts it.
    return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)


def _builder(subject: x509.Name, issuer: x509.Name, public_key) -> x509.CertificateBuilder:
    now = _start()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + TEN_YEARS)
    )


def self_signed_root(common_name: str):
    """A new root CA: ``(certificate, private key)``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = distinguished_name(common_name)
    cert = (
        _builder(name, name, key.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(CA_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def issue_signer(subject: x509.Name, ca_cert, ca_key, extended_usage=None):
    """A signing certificate issued by the CA: ``(certificate, private key)``.

    ``extended_usage`` (a list of OIDs) is added as a critical extension, as
    RFC 3161 requires of a timestamp authority.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        _builder(subject, ca_cert.subject, key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(SIGNER_USAGE, critical=True)
    )
    if extended_usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended_usage), critical=True)
    cert = builder.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
    ).sign(ca_key, hashes.SHA256())
    return cert, key


def write_private_key(path: Path, key) -> None:
    """The key as unencrypted PKCS#8 PEM, readable by its owner only."""
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def write_certificate(path: Path, cert) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
