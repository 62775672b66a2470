"""Fixtures of the document tests: the layer's own LibreOffice, generation as a user."""

from imio.municipal.interfaces import IImioMunicipalLayer
from imio.municipal.testing import require_libreoffice
from pathlib import Path
from plone import api
from zope.interface import alsoProvides

import io
import os
import pytest
import subprocess
import zipfile


@pytest.fixture
def libreoffice(integration):
    """The tests' LibreOffice server: skip without it (fail with CI=true)."""
    return require_libreoffice(integration)


@pytest.fixture
def municipal_request(integration):
    request = integration["request"]
    alsoProvides(request, IImioMunicipalLayer)
    request.environ["HTTP_ACCEPT"] = "application/json"
    return request


@pytest.fixture
def templates(portal):
    return portal["document-templates"]


@pytest.fixture
def generate(portal, templates, municipal_request):
    """``generate(obj, "deliberation", "pdf", user)`` -> (status, body, headers)."""

    def run(obj, template_id, output_format, user):
        request = municipal_request
        request.response.setStatus(200)
        request.form.clear()
        request.form.update(template_uid=templates[template_id].UID(), output_format=output_format)
        with api.env.adopt_user(username=user):
            view = obj.restrictedTraverse("@@document-generation")
            body = view()
        status = request.response.getStatus()
        # DOCUMENTS_OUTPUT=/some/dir keeps every generated document, to look at.
        if os.environ.get("DOCUMENTS_OUTPUT") and status == 200:
            folder = Path(os.environ["DOCUMENTS_OUTPUT"])
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{template_id}-{obj.getId()[:40]}.{output_format}").write_bytes(body)
        return status, body, request.response.headers

    return run


def pdf_text(data: bytes) -> str:
    """The text of a PDF, with pdftotext (poppler-utils); spaces normalised."""
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().replace("\u00a0", " ").replace("\u202f", " ").split())


def zipped_text(data: bytes, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(member).decode()


@pytest.fixture(name="pdf_text")
def pdf_text_fixture():
    return pdf_text


@pytest.fixture(name="zipped_text")
def zipped_text_fixture():
    return zipped_text
