"""PAdES signatures (pyHanko): signing with an embedded timestamp, and what the
validator tells a verifier — signer, time, authority, modified or not."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from imio.municipal.publication.core import signing
from imio.municipal.publication.core.signing_ca import create_signing_identity
from imio.municipal.publication.core.timestamp import authority_name
from imio.municipal.publication.core.timestamp import request_timestamp
from imio.municipal.publication.settings import signing_identity
from imio.municipal.publication.settings import signing_roots
from io import BytesIO

import pikepdf
import pytest


def _pdf(text: str = "Délibération") -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = text
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def identities(tmp_path_factory):
    directory = tmp_path_factory.mktemp("signing")
    create_signing_identity(directory, "namur", "Commune de Namur")
    create_signing_identity(directory, "gembloux", "Commune de Gembloux")
    return directory


def _signer(directory, municipality_id="namur"):
    passphrase = (directory / f"{municipality_id}.pass").read_text().strip()
    return signing.load_signer((directory / f"{municipality_id}.p12").read_bytes(), passphrase)


@pytest.fixture(scope="module")
def signed(identities, tsa):
    return signing.sign_pdf(_pdf(), _signer(identities), tsa.url, "Namur", "Publication")


def test_a_signed_pdf_names_signer_time_and_authority(signed, identities, tsa):
    check = signing.check_pdf(signed, (identities / "ca.pem").read_bytes(), tsa.root_pem)
    assert check.code == "ok" and check.valid
    assert check.signer == "Commune de Namur"
    assert check.timestamped and check.timestamp_trusted
    assert check.timestamp_authority == "imio.municipal test timestamp authority"
    assert check.signing_time is not None and check.signing_time.tzinfo is not None


def test_a_flipped_byte_shows_as_modified(signed, identities, tsa):
    roots = (identities / "ca.pem").read_bytes()
    position = signed.index(b"/Title")  # inside the signed range (the original file)
    tampered = bytearray(signed)
    tampered[position + 2] ^= 0x01
    assert signing.check_pdf(bytes(tampered), roots, tsa.root_pem).code == "modified"


def test_content_added_after_the_signature_shows_as_modified(signed, identities, tsa):
    roots = (identities / "ca.pem").read_bytes()
    with pikepdf.open(BytesIO(signed)) as pdf:
        pdf.add_blank_page()
        out = BytesIO()
        pdf.save(out)
    # A rewritten file: the signature no longer covers it.
    check = signing.check_pdf(out.getvalue(), roots, tsa.root_pem)
    assert check.code in ("modified", "unreadable") and not check.valid


def test_a_signer_outside_the_trusted_roots_is_untrusted(signed, tsa):
    check = signing.check_pdf(signed, tsa.root_pem, tsa.root_pem)
    assert check.code == "untrusted"
    assert check.signer == "Commune de Namur"  # still told who claims to sign


def test_unsigned_and_garbage(identities):
    roots = (identities / "ca.pem").read_bytes()
    assert signing.check_pdf(_pdf(), roots).code == "unsigned"
    assert signing.check_pdf(b"not a pdf at all", roots).code == "unreadable"


def test_without_authority_the_signature_has_no_timestamp(identities):
    signed = signing.sign_pdf(_pdf(), _signer(identities, "gembloux"))
    check = signing.check_pdf(signed, (identities / "ca.pem").read_bytes())
    assert check.code == "ok" and check.signer == "Commune de Gembloux"
    assert not check.timestamped and check.timestamp_authority == ""


def test_an_authority_that_does_not_answer_is_a_timestamp_error(identities, closed_url):
    with pytest.raises(signing.SigningError) as raised:
        signing.sign_pdf(_pdf(), _signer(identities), closed_url, timeout=2)
    assert raised.value.code == "timestamp"


def test_the_signature_carries_the_chains(signed, tsa):
    names = [signing.certificate_name(c) for c in signing.embedded_certificates(signed)]
    assert names == ["Commune de Namur", "imio.municipal test signing CA"]
    authority = signing.embedded_certificates(signed, "timestamp")
    assert [signing.certificate_name(c) for c in authority] == [
        "imio.municipal test timestamp authority"
    ]
    bundle = signing.pem_bundle(authority, tsa.root_pem + tsa.root_pem)
    assert bundle.count(b"-----BEGIN CERTIFICATE-----") == 2
    assert signing.embedded_certificates(b"garbage") == []


def test_a_wrong_passphrase_is_refused(identities):
    with pytest.raises(signing.SigningError) as raised:
        signing.load_signer((identities / "namur.p12").read_bytes(), "wrong")
    assert raised.value.code == "unreadable-identity"


def test_an_expired_certificate_is_refused(identities, tmp_path):
    p12 = (identities / "namur.p12").read_bytes()
    passphrase = (identities / "namur.pass").read_text().strip().encode()
    key, cert, _chain = pkcs12.load_key_and_certificates(p12, passphrase)
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    import datetime

    ca_key = serialization.load_pem_private_key((identities / "ca.key").read_bytes(), None)
    past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    expired = (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(cert.issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(past)
        .not_valid_after(past + datetime.timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"old", key, expired, None, serialization.BestAvailableEncryption(b"pass")
    )
    with pytest.raises(signing.SigningError) as raised:
        signing.load_signer(data, "pass")
    assert raised.value.code == "expired"


def test_the_authority_is_named_from_its_certificate(tsa):
    stamp = request_timestamp(b"data", tsa.url, tsa.root_pem)
    assert authority_name(stamp.response) == "imio.municipal test timestamp authority"
    assert authority_name(b"garbage") == ""


def test_identity_from_the_signing_dir(identities, monkeypatch):
    for name in ("IMIO_MUNICIPAL_SIGNING_P12_NAMUR", "IMIO_MUNICIPAL_SIGNING_PASSPHRASE_NAMUR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IMIO_MUNICIPAL_SIGNING_DIR", str(identities))
    identity = signing_identity("namur")
    assert identity.p12 == (identities / "namur.p12").read_bytes()
    assert identity.passphrase == (identities / "namur.pass").read_text().strip()
    assert signing_identity("andenne") is None  # no certificate: not configured
    assert signing_roots() == (identities / "ca.pem").read_bytes()


def test_identity_named_per_municipality(identities, monkeypatch, tmp_path):
    monkeypatch.delenv("IMIO_MUNICIPAL_SIGNING_DIR", raising=False)
    monkeypatch.setenv("IMIO_MUNICIPAL_SIGNING_P12_LA_BRUYERE", str(identities / "gembloux.p12"))
    monkeypatch.setenv("IMIO_MUNICIPAL_SIGNING_PASSPHRASE_LA_BRUYERE", "secret")
    identity = signing_identity("la-bruyere")
    assert identity.passphrase == "secret"
    assert identity.p12 == (identities / "gembloux.p12").read_bytes()
    # A file named explicitly that is missing is an error, not "unsigned".
    monkeypatch.setenv("IMIO_MUNICIPAL_SIGNING_P12_LA_BRUYERE", str(tmp_path / "missing.p12"))
    with pytest.raises(OSError):
        signing_identity("la-bruyere")


def test_signing_and_checking_work_inside_a_running_event_loop(identities, tsa):
    """A caller whose thread runs an event loop (a browser test driver, an async
    server) still signs and checks: pyHanko's sync wrappers would refuse."""
    import asyncio
    import threading

    roots = (identities / "ca.pem").read_bytes()

    async def inside_a_loop():
        signed = signing.sign_pdf(_pdf(), _signer(identities), tsa.url)
        return signing.check_pdf(signed, roots, tsa.root_pem)

    # in a thread of its own: the main thread of a test run may already run
    # an event loop (the browser tests' driver), where asyncio.run() refuses
    codes = []
    worker = threading.Thread(target=lambda: codes.append(asyncio.run(inside_a_loop()).code))
    worker.start()
    worker.join(120)
    assert codes == ["ok"]
