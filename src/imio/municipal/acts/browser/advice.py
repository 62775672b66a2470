"""The advice on an act in the browser: read, ask, give (the rules: acts/advice.py)."""

from imio.municipal import _
from imio.municipal.acts import advice
from imio.municipal.acts import advice_extension
from imio.municipal.acts import advice_rules
from imio.municipal.core import calendar
from imio.municipal.core import money
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.platform.refusals import show_refusal
from plone import api
from Products.Five.browser import BrowserView


STATUS_TITLES = {
    advice_rules.ASKED: _("advice_status_asked", default="Awaited"),
    advice_rules.GIVEN: _("advice_status_given", default="Given"),
    advice_rules.PASSED_OVER: _("advice_status_passed_over", default="Passed over after its delay"),
}
SENSE_TITLES = {
    advice_rules.FAVOURABLE: _("advice_sense_favourable", default="Favourable"),
    advice_rules.FAVOURABLE_WITH_REMARKS: _(
        "advice_sense_favourable_with_remarks", default="Favourable with remarks"
    ),
    advice_rules.UNFAVOURABLE: _("advice_sense_unfavourable", default="Unfavourable"),
}


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


class AdviceView(BrowserView):
    def __call__(self):
        form = self.request.form
        actions = ("form.ask", "form.give", "form.extend")
        if self.request.method == "POST" and any(action in form for action in actions):
            try:
                if "form.extend" in form:
                    advice_extension.extend(
                        self.context, form.get("advice", ""), form.get("reason", "")
                    )
                    message = _("advice_extended", default="The delay of the advice was extended.")
                elif "form.ask" in form:
                    advice.ask(
                        self.context,
                        form.get("kind", ""),
                        service=form.get("service") or None,
                        urgent=bool(form.get("urgent")),
                        motivation=form.get("motivation", ""),
                    )
                    message = _("advice_asked", default="The advice was asked.")
                else:
                    advice.give(
                        self.context,
                        form.get("advice", ""),
                        form.get("sense", ""),
                        form.get("text", ""),
                    )
                    message = _("advice_given", default="The advice was given.")
            except MunicipalRefusal as refused:
                # Nothing half-saved: the refusal is raised before any change.
                show_refusal(refused, self.request)
            else:
                api.portal.show_message(message, request=self.request)
            return self.request.response.redirect(f"{self.context.absolute_url()}/@@act-advice")
        return self.index()

    def impact(self) -> str:
        value = getattr(self.context, "financial_impact", None)
        return "" if value is None else money.format_eur(value, "fr")

    def required(self) -> bool:
        return advice_rules.advice_required(getattr(self.context, "financial_impact", None))

    def items(self) -> list[dict]:
        user_groups = set(api.user.get_current().getGroups() or [])
        may_give = api.user.has_permission(advice.GIVE_PERMISSION, obj=self.context)
        today = calendar.belgian_today()
        rows = []
        for record in advice.advices(self.context):
            may_answer = (
                may_give
                and record["status"] == advice_rules.ASKED
                and record["adviser"] in user_groups
            )
            rows.append(
                {
                    "id": record["id"],
                    "adviser": record["adviser_title"],
                    "asked_on": _day(record["asked_on"]),
                    "due": _day(record["due"]),
                    "status": STATUS_TITLES[record["status"]],
                    "sense": SENSE_TITLES.get(record["sense"]),
                    "text": record["text"],
                    "given_on": _day(record["given_on"]),
                    "can_give": may_answer,
                    "extended_on": _day(record.get("extended_on")),
                    "extension_reason": record.get("extension_reason", ""),
                    # the rules refuse anything else; the form is offered only when it can succeed
                    "can_extend": may_answer
                    and record["kind"] == advice_rules.FINANCIAL_DIRECTOR
                    and not record.get("extended_on")
                    and not advice_rules.may_go_on_without(record["due"], today),
                }
            )
        return rows

    def holds_back(self) -> list:
        return advice.advice_refusals(self.context)

    def can_ask(self) -> bool:
        return api.user.has_permission(advice.ASK_PERMISSION, obj=self.context)

    def services(self) -> list[dict]:
        own = self.context.responsible_service
        return [s for s in municipality_of(self.context).services or [] if s["id"] != own]

    def senses(self) -> list[tuple]:
        return list(SENSE_TITLES.items())
