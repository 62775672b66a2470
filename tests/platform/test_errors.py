"""Every refusal of the product derives from one base class."""

from imio.municipal import _
from imio.municipal import errors
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.publication.choices import NotAllowed
from plone.rest.interfaces import IAPIRequest
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import doctest
import imio.municipal
import importlib
import inspect
import json
import pkgutil
import pytest


# Exceptions that are not refusals of a request: failures of a service the
# product depends on, a wrong configuration, the simulator's control flow, the
# backup command's own errors (no request: a console script).
NOT_REFUSALS = {
    "imio.municipal.backups.filestorage.BackupError",
    # LibreOffice exported no PDF/A, a signing certificate cannot be used:
    # the generation and publication turn them into a refusal with the reason
    "imio.municipal.documents.pdfa.NotPdfA",
    "imio.municipal.publication.core.signing.SigningError",
    "imio.municipal.publication.core.timestamp.TimestampError",
    "imio.municipal.documents.masking.NoMaskerError",
    "imio.municipal.exchange.simulator_server.DropConnection",
    # The access journal's database failed: a staff page is still served, the
    # DPO's pages turn it into a 503 refusal with the reason
    "imio.municipal.privacy.store.JournalError",
}


def product_exceptions():
    for module_info in pkgutil.walk_packages(imio.municipal.__path__, "imio.municipal."):
        if ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, BaseException):
                yield f"{cls.__module__}.{cls.__qualname__}", cls


def test_every_exception_of_the_product_is_a_refusal_or_declared_otherwise():
    found = dict(product_exceptions())
    assert len(found) > 10
    assert {name for name, cls in found.items() if not issubclass(cls, MunicipalRefusal)} == (
        NOT_REFUSALS
    )


@pytest.mark.parametrize(
    "name",
    [
        "imio.municipal.dossiers.procedures.UnknownProcedure",
        "imio.municipal.acts.tutelle.UnknownRegime",
        "imio.municipal.pic.rules.UnknownCode",
        "imio.municipal.exchange.common.InvalidManifest",
    ],
)
def test_refused_input_is_still_a_value_error(name):
    module, cls = name.rsplit(".", 1)
    assert issubclass(getattr(importlib.import_module(module), cls), ValueError)


def test_a_field_validation_error_is_a_refusal_but_not_a_value_error():
    """plone.restapi reports a ValueError by its text (the untranslated
    message id) and a ValidationError by its translated message."""
    from imio.municipal.platform.validators import MunicipalValidationError

    assert issubclass(MunicipalValidationError, MunicipalRefusal)
    assert not issubclass(MunicipalValidationError, ValueError)


def test_the_reason_is_the_message_when_there_is_one():
    class Refused(MunicipalRefusal):
        def __init__(self, message):
            super().__init__("plain text")
            self.message = message

    assert Refused("translatable").reason() == "translatable"
    assert errors.NotAllowed("no").status == 403


def test_docstring_examples():
    assert doctest.testmod(errors).failed == 0


def test_a_refusal_no_service_answered_is_its_status_with_the_reason_in_french(integration):
    request = integration["request"]
    request["HTTP_ACCEPT_LANGUAGE"] = "fr"
    alsoProvides(request, IAPIRequest)
    refusal = NotAllowed(
        _("refusal_publication_choices_secretariat", default="Only the secretariat chooses.")
    )

    getMultiAdapter((refusal, request), name="index.html")()

    body = json.loads(request.response.getBody())
    assert request.response.getStatus() == 403
    assert body["type"] == "NotAllowed"
    assert body["message"].startswith("Seul le secrétariat choisit ce qui est publié")
    assert "traceback" not in body
