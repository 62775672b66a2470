"""REST: the secretariat's tools on its municipality's people.

``GET @personnel`` lists the people, the services and the log;
``POST @personnel`` creates an account (login, fullname, email, functions);
``PATCH @personnel`` changes one (login and ``disabled`` true/false, or
``grant``/``revoke`` a function); ``PATCH @personnel-services`` replaces the
services' ids and titles; ``POST @personnel-import`` reads a CSV file
(``csv``, ``dry_run``). A bad input is a 400 and a forbidden person a 403,
each with its reason; nothing is half-done.
"""

from imio.municipal import _
from imio.municipal.administration import accounts
from imio.municipal.administration import functions
from imio.municipal.administration import log
from imio.municipal.administration import people
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides

import transaction


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PeopleInputRefused(
            _("error_not_text", default="${field} must be a text.", mapping={"field": key})
        )
    return value


def grants_from(items) -> list[tuple[str, str | None]]:
    """(function, service) pairs from a list of {"function", "service"}."""
    if items in (None, ""):
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise PeopleInputRefused(
            _("error_bad_functions", default="functions must be a list of {function, service}.")
        )
    return [
        (functions.function_from(_text(item, "function")), _text(item, "service").strip() or None)
        for item in items
    ]


def overview(municipality) -> dict:
    return {
        "@id": f"{municipality.absolute_url()}/@personnel",
        "people": people.people(municipality),
        "services": [{"id": r["id"], "title": r["title"]} for r in (municipality.services or [])],
        "log": log.entries(municipality, limit=200),
    }


class _Refusing(Service):
    """Runs ``change`` and answers its refusal, with the transaction undone."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            return self.change(json_object(self.request))
        except MunicipalRefusal as refusal:
            transaction.doom()
            return refusal_answer(refusal, self.request)


class PersonnelGet(Service):
    def reply(self):
        return overview(self.context)


class PersonnelPost(_Refusing):
    def change(self, data):
        user = accounts.create_user(
            self.context,
            _text(data, "login"),
            _text(data, "fullname"),
            _text(data, "email"),
            grants_from(data.get("functions")),
        )
        self.request.response.setStatus(201)
        return {"login": user.getUserName(), "@id": f"{self.context.absolute_url()}/@personnel"}


class PersonnelPatch(_Refusing):
    def change(self, data):
        login = _text(data, "login")
        done = False
        if "disabled" in data:
            if not isinstance(data["disabled"], bool):
                raise PeopleInputRefused(
                    _(
                        "error_not_boolean",
                        default="${field} must be true or false.",
                        mapping={"field": "disabled"},
                    )
                )
            (accounts.disable if data["disabled"] else accounts.enable)(self.context, login)
            done = True
        for key, change in (("revoke", accounts.revoke), ("grant", accounts.grant)):
            for function, service in grants_from(data.get(key)):
                change(self.context, login, function, service)
                done = True
        if not done:
            raise PeopleInputRefused(
                _(
                    "error_nothing_to_change",
                    default="Say what to change: disabled, grant or revoke.",
                )
            )
        return overview(self.context)


class ServicesPatch(_Refusing):
    def change(self, data):
        rows = data.get("services")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise PeopleInputRefused(
                _("error_bad_services", default="services must be a list of {id, title}.")
            )
        kept = people.save_services(
            self.context, [{"id": _text(r, "id"), "title": _text(r, "title")} for r in rows]
        )
        answer = overview(self.context)
        answer["kept_groups"] = kept
        return answer


class ImportPost(_Refusing):
    def change(self, data):
        dry_run = data.get("dry_run", True)
        if not isinstance(dry_run, bool):
            raise PeopleInputRefused(
                _(
                    "error_not_boolean",
                    default="${field} must be true or false.",
                    mapping={"field": "dry_run"},
                )
            )
        report = people.import_users(self.context, _text(data, "csv"), dry_run=dry_run)
        from zope.i18n import translate

        for row in report["refused"]:
            row["reason"] = translate(row["reason"], context=self.request)
        if report["refused"] and not dry_run:
            transaction.doom()
            self.request.response.setStatus(400)
            report["error"] = {
                "type": "BadRequest",
                "message": translate(
                    _(
                        "error_import_refused_lines",
                        default="Nothing was imported: some lines are refused.",
                    ),
                    context=self.request,
                ),
            }
        return report
