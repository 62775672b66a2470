"""The page of a shared project, and the form where a secretariat attaches
its council's approving act."""

from imio.municipal import _
from imio.municipal.acts import approving as approving_acts
from imio.municipal.core import money
from imio.municipal.platform.lookup import municipality_by_ins_code
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.projects import rules as rules
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.i18n import translate
from zope.intid.interfaces import IIntIds


def state_title(obj, request) -> str:
    state = api.content.get_state(obj, default="")
    workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(obj)
    title = workflow[0].states[state].title if workflow and state else state
    return translate(title, domain="plone", context=request)


def municipality_label(code: str) -> str:
    municipality = municipality_by_ins_code(code)
    return municipality.Title() if municipality is not None else code


class ProjectView(BrowserView):
    def language(self) -> str:
        return (self.request.get("LANGUAGE") or api.portal.get_default_language() or "fr")[:2]

    def eur(self, value) -> str:
        return money.format_eur(value, locale=self.language()) if value is not None else ""

    def percent(self, value) -> str:
        text = format(value.normalize(), "f") if value is not None else ""
        if self.language() in ("fr", "de"):
            text = text.replace(".", ",")
        return f"{text}\u00a0%"

    def lead(self) -> str:
        return municipality_label(self.context.lead_municipality)

    def partners(self) -> list[str]:
        return [municipality_label(code) for code in self.context.participants()[1:]]

    def shares(self) -> list[dict]:
        amounts = {row.ins_code: row.amount for row in self.context.share_amounts()}
        rows = []
        for share in self.context.shares or []:
            code = share.get("ins_code")
            rows.append(
                {
                    "municipality": municipality_label(code),
                    "lead": code == self.context.lead_municipality,
                    "percent": self.percent(share.get("percent")),
                    "amount": self.eur(amounts.get(code)),
                }
            )
        return rows

    def approvals(self) -> list[dict]:
        """One row per participant, the lead first: its act and whether it counts."""
        acts = self.context.approving_act_objects()
        facts = self.context.approvals()
        rows = []
        for code in self.context.participants():
            act = acts.get(code)
            viewable = act is not None and api.user.has_permission("View", obj=act)
            rows.append(
                {
                    "municipality": municipality_label(code),
                    "act": act.Title() if act is not None else "",
                    "number": (act.number or "") if act is not None else "",
                    "url": act.absolute_url() if viewable else "",
                    "state": state_title(act, self.request) if act is not None else "",
                    "approves": code in facts and rules.act_approves(facts[code]),
                }
            )
        return rows

    def missing(self) -> str:
        return ", ".join(municipality_label(code) for code in self.context.missing_approvals())

    def milestones(self) -> list[dict]:
        nxt = self.context.next_milestone()
        return [
            {
                "title": m.title,
                "due": api.portal.get_localized_time(m.due) if m.due else "",
                "done": m.done,
                "next": m == nxt,
            }
            for m in self.context.milestone_list()
        ]

    def documents(self) -> list[dict]:
        return [
            {
                "title": obj.Title() or obj.getId(),
                "url": obj.absolute_url(),
                "type": obj.portal_type,
            }
            for obj in self.context.listFolderContents()
        ]

    def can_attach(self) -> bool:
        return api.user.has_permission(
            "imio.municipal: Attach approving act", obj=self.context
        ) and bool(approving_acts.attachable_municipalities(self.context))


class ApprovingActForm(BrowserView):
    """Attach the council act of one's own municipality (replaces an earlier one)."""

    error = None

    def candidates(self) -> list[dict]:
        attached = {
            r.to_id for r in self.context.approving_acts or [] if r is not None and not r.isBroken()
        }
        intids = getUtility(IIntIds)
        return [
            {
                "uid": api.content.get_uuid(act),
                "title": act.Title(),
                "number": act.number or "",
                "state": state_title(act, self.request),
                "selected": intids.queryId(act) in attached,
            }
            for act in approving_acts.candidate_acts(self.context)
        ]

    def __call__(self):
        if self.request.method == "POST":
            if "form.buttons.cancel" in self.request.form:
                return self.request.response.redirect(self.context.absolute_url())
            CheckAuthenticator(self.request)
            act = api.content.get(UID=self.request.form.get("act") or None)
            try:
                approving_acts.attach(self.context, act)
            except MunicipalValidationError as error:
                self.error = translate(error.message, context=self.request)
            else:
                api.portal.show_message(
                    _("message_approving_act_attached", default="The approving act is attached."),
                    request=self.request,
                )
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()
