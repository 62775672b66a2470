"""The municipality signs what it publishes and what it sends to the tutelle
(PAdES B-T, timestamp embedded), and anyone can verify it."""

from imio.municipal.demo.builders import do_transition
from imio.municipal.documents.pdfa import pdfa_part
from imio.municipal.exchange.extract import act_files
from imio.municipal.interfaces import IImioMunicipalLayer
from imio.municipal.publication.core.signing import check_pdf
from imio.municipal.publication.core.timestamp import verify
from imio.municipal.publication.sections import current_version
from imio.municipal.testing import require_libreoffice
from io import BytesIO
from plone import api
from plone.testing.zope import Browser
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import io
import pikepdf
import pytest
import subprocess
import transaction


SECRETARY = "namur-secretaire"
AUTHORITY = "imio.municipal test timestamp authority"


def publish(act):
    do_transition(act, SECRETARY, "publish")
    return current_version(act)


def test_the_public_pdf_is_signed_with_the_timestamp_inside(act, signatures, timestamps):
    public = publish(act)
    pdf = public.pdf.data
    check = check_pdf(pdf, (signatures / "ca.pem").read_bytes(), timestamps.root_pem)
    assert check.code == "ok"
    assert check.signer == "Commune de Namur" == public.signed_by
    assert check.timestamped and check.timestamp_trusted
    assert check.timestamp_authority == AUTHORITY == public.timestamp_authority
    assert public.signed_at is not None and public.signature_problem is None
    # Signing is an incremental update: still PDF/A-2b and tagged.
    assert pdfa_part(pdf) == "2B"
    with pikepdf.open(BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked is True
        assert str(document.Root.Lang) == "fr-BE"
    # The detached token covers the signed file: `openssl ts -verify` works.
    assert verify(pdf, public.timestamp.data, timestamps.root_pem).valid
    # A flipped byte in the signed content shows as modified.
    tampered = bytearray(pdf)
    tampered[pdf.index(b"/Type") + 2] ^= 0x01
    roots = (signatures / "ca.pem").read_bytes()
    assert check_pdf(bytes(tampered), roots, timestamps.root_pem).code == "modified"


def test_poppler_reads_the_signature(act, signatures, timestamps, tmp_path):
    public = publish(act)
    path = tmp_path / "acte.pdf"
    path.write_bytes(public.pdf.data)
    done = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Commune de Namur" in done.stdout
    assert "Signature is Valid" in done.stdout
    assert "ETSI.CAdES.detached" in done.stdout and "Total document signed" in done.stdout


def test_openssl_verifies_the_detached_token(act, signatures, timestamps, tmp_path):
    public = publish(act)
    (tmp_path / "acte.pdf").write_bytes(public.pdf.data)
    (tmp_path / "horodatage.tsr").write_bytes(public.timestamp.data)
    (tmp_path / "ca.pem").write_bytes(timestamps.root_pem)
    done = subprocess.run(
        ["openssl", "ts", "-verify", "-data", "acte.pdf", "-in", "horodatage.tsr"]
        + ["-CAfile", "ca.pem"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert "Verification: OK" in done.stdout, done.stderr


def test_without_a_certificate_the_pdf_goes_out_unsigned_and_says_so(act, timestamps, monkeypatch):
    monkeypatch.delenv("IMIO_MUNICIPAL_SIGNING_DIR", raising=False)
    public = publish(act)
    assert public.signed_by is None and public.signature_problem == "not-configured"
    assert check_pdf(public.pdf.data, timestamps.root_pem).code == "unsigned"
    assert public.timestamp is not None  # still timestamped


def test_an_unusable_certificate_refuses_the_publication(act, signatures, monkeypatch):
    monkeypatch.setenv("IMIO_MUNICIPAL_SIGNING_PASSPHRASE_NAMUR", "not the passphrase")
    with pytest.raises(WorkflowException) as raised:
        publish(act)
    assert "certificat de signature" in str(raised.value) or "signing certificate" in str(
        raised.value
    )
    assert api.content.get_state(act) == "executory"
    assert current_version(act) is None


def test_an_authority_down_still_signs_without_timestamp(act, signatures, monkeypatch):
    monkeypatch.setenv("IMIO_MUNICIPAL_TSA_URL", "http://127.0.0.1:9/")
    public = publish(act)
    check = check_pdf(public.pdf.data, (signatures / "ca.pem").read_bytes())
    assert check.code == "ok" and not check.timestamped
    assert public.timestamp is None and public.timestamp_problem == "unreachable"


def test_the_deliberation_for_the_tutelle_is_signed(act, signatures, timestamps, integration):
    request = integration["request"]
    alsoProvides(request, IImioMunicipalLayer)
    with api.env.adopt_user(username=SECRETARY):
        view = getMultiAdapter((act, request), name="store-deliberation")
        annex = view.store()
    sent = dict((entry.role, entry) for entry in act_files(act))["deliberation"]
    assert sent.data == annex.file.data
    check = check_pdf(sent.data, (signatures / "ca.pem").read_bytes(), timestamps.root_pem)
    assert check.code == "ok" and check.signer == "Commune de Namur" and check.timestamped
    assert pdfa_part(sent.data) == "2B"


def test_without_a_certificate_the_secretariat_is_told_the_deliberation_is_unsigned(
    act, timestamps, integration, monkeypatch
):
    monkeypatch.delenv("IMIO_MUNICIPAL_SIGNING_DIR", raising=False)
    request = integration["request"]
    alsoProvides(request, IImioMunicipalLayer)
    with api.env.adopt_user(username=SECRETARY):
        view = getMultiAdapter((act, request), name="store-deliberation")
        annex = view.store()
        message = view.stored_message(annex)
    assert check_pdf(annex.file.data, timestamps.root_pem).code == "unsigned"
    assert "It is not signed" in message or "Il n'est pas signé" in message


# The public pages, as an anonymous visitor sees them.


def raw(browser) -> bytes:
    contents = browser.contents
    return contents if isinstance(contents, bytes) else contents.encode("utf-8")


def anonymous(app) -> Browser:
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    return browser


@pytest.fixture
def signed_publication(functional, functional_portal, act_factory, signatures):
    require_libreoffice(functional)
    act = act_factory(functional_portal)
    do_transition(act, SECRETARY, "publish")
    transaction.commit()
    return current_version(act)


def test_the_act_page_names_signer_and_authority(functional_app, signed_publication, signatures):
    browser = anonymous(functional_app)
    url = signed_publication.absolute_url()
    browser.open(url)
    page = browser.contents
    assert "Commune de Namur" in page and AUTHORITY in page
    assert "127.0.0.1" not in page.split("public-act-proof")[1]
    assert "pdfsig" in page and "openssl ts -verify" in page
    assert "Signé par" in page and "Comment vérifier ce fichier vous-même" in page
    assert "chaîne de certificats" in page and "n'est pas signé" not in page
    browser.open(f"{url}/@@certificates?of=signature")
    assert browser.headers["content-type"].startswith("application/pem-certificate-chain")
    chain = raw(browser)
    assert chain.count(b"BEGIN CERTIFICATE") == 2
    assert (signatures / "ca.pem").read_bytes().strip() in chain
    browser.open(f"{url}/@@certificates?of=timestamp")
    assert raw(browser).count(b"BEGIN CERTIFICATE") == 2
    browser.open(f"{url}/@@certificates?of=nothing")
    assert browser.headers["status"].startswith("404")


def test_an_unsigned_publication_says_why(
    functional_app, functional, functional_portal, act_factory, timestamps, monkeypatch
):
    require_libreoffice(functional)
    monkeypatch.delenv("IMIO_MUNICIPAL_SIGNING_DIR", raising=False)
    act = act_factory(functional_portal)
    do_transition(act, SECRETARY, "publish")
    transaction.commit()
    url = current_version(act).absolute_url()
    browser = anonymous(functional_app)
    browser.open(url)
    assert "Ce PDF n'est pas signé" in browser.contents
    assert "pas encore de certificat de signature" in browser.contents
    browser.open(f"{url}/@@certificates?of=signature")
    assert browser.headers["status"].startswith("404")
    browser.open(f"{url}/@@verify-publication")
    assert "Ce PDF ne porte aucune signature." in browser.contents


def test_the_verify_page_checks_the_signature(functional_app, signed_publication):
    browser = anonymous(functional_app)
    browser.open(f"{signed_publication.absolute_url()}/@@verify-publication")
    page = browser.contents
    assert "verify-signature-valid" in page and "Signature valide : signé par" in page
    assert "Commune de Namur" in page and AUTHORITY in page
    # A copy with one byte changed inside the signed content.
    pdf = bytearray(signed_publication.pdf.data)
    pdf[bytes(pdf).index(b"/Type") + 2] ^= 0x01
    control = browser.getControl(name="pdf")
    control.add_file(io.BytesIO(bytes(pdf)), "application/pdf", "acte.pdf")
    browser.getForm(index=1).submit()
    assert "verify-signature-invalid" in browser.contents
    assert "verify-signature-valid" not in browser.contents
