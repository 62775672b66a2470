"""« Personnel »: the secretariat's page on its people, services and log."""

from imio.municipal import _
from imio.municipal.administration import accounts
from imio.municipal.administration import functions
from imio.municipal.administration import log
from imio.municipal.administration import people
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import reason_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate

import transaction


ACTION_TITLES = {
    "create": _("log_create", default="Account created"),
    "grant": _("log_grant", default="Function given"),
    "revoke": _("log_revoke", default="Function withdrawn"),
    "disable": _("log_disable", default="Account disabled"),
    "enable": _("log_enable", default="Account re-enabled"),
    "services": _("log_services", default="Services changed"),
}
DONE = _("personnel_saved", default="Changes saved.")


def belgian_datetime(iso: str) -> str:
    """``2026-12-07T11:05:00+00:00`` → ``07/12/2026 11:05`` (UTC)."""
    date, _sep, time = iso.partition("T")
    year, month, day = date.split("-")
    return f"{day}/{month}/{year} {time[:5]}"


class PersonnelView(BrowserView):
    error = None
    report = None

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def people(self):
        return people.people(self.context)

    def services(self):
        return list(self.context.services or [])

    def function_choices(self):
        return [
            {"id": f, "title": self.t(functions.FUNCTION_TITLES[f])} for f in functions.FUNCTIONS
        ]

    def functions_text(self, person: dict) -> str:
        held = [
            accounts.describe(row["function"], row["service"], self.context, self.request)
            for row in person["functions"]
        ]
        if person["secretariat"]:
            held.insert(0, self.t(_("function_secretariat", default="Secretariat")))
        return ", ".join(held)

    def log(self):
        return [
            dict(
                entry,
                when=belgian_datetime(entry["when"]),
                action=self.t(ACTION_TITLES[entry["action"]]),
            )
            for entry in log.entries(self.context, limit=100)
        ]

    def _grant_args(self, form):
        function = functions.function_from(form.get("function", ""))
        return function, (form.get("service") or "").strip() or None

    def _act(self, action: str, form) -> bool:
        """Do ``action``; True when the page should be shown again (a report)."""
        login = (form.get("login") or "").strip()
        if action == "create":
            grants = [self._grant_args(form)] if form.get("function") else []
            accounts.create_user(
                self.context, login, form.get("fullname"), form.get("email"), grants
            )
        elif action in ("disable", "enable"):
            getattr(accounts, action)(self.context, login)
        elif action in ("grant", "revoke"):
            getattr(accounts, action)(self.context, login, *self._grant_args(form))
        elif action == "services":
            ids = form.get("service_id") or []
            titles = form.get("service_title") or []
            ids, titles = ([ids], [titles]) if isinstance(ids, str) else (ids, titles)
            rows = [{"id": i, "title": t} for i, t in zip(ids, titles, strict=False) if i or t]
            if form.get("new_service_id") or form.get("new_service_title"):
                rows.append(
                    {"id": form.get("new_service_id"), "title": form.get("new_service_title")}
                )
            people.save_services(self.context, rows)
        elif action == "import":
            upload = form.get("csv_file")
            data = upload.read() if hasattr(upload, "read") else (form.get("csv_text") or "")
            self.report = people.import_users(self.context, data, dry_run=bool(form.get("dry_run")))
            if self.report["refused"] and not self.report["dry_run"]:
                raise PeopleInputRefused(
                    _(
                        "error_import_refused_lines",
                        default="Nothing was imported: some lines are refused.",
                    )
                )
            return True
        else:
            raise PeopleInputRefused(_("error_unknown_personnel_action", default="Unknown action."))
        return False

    def refused_lines(self):
        return [
            {"line": row["line"], "reason": self.t(row["reason"])}
            for row in (self.report or {}).get("refused", [])
        ]

    def __call__(self):
        action = self.request.form.get("action")
        if action and self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                show_again = self._act(action, self.request.form)
            except MunicipalRefusal as refusal:
                transaction.doom()
                self.error = reason_of(refusal, self.request)
                self.request.response.setStatus(refusal.status)
                return self.index()
            if not show_again:
                api.portal.show_message(self.t(DONE), request=self.request)
                return self.request.response.redirect(f"{self.context.absolute_url()}/@@personnel")
        return self.index()
