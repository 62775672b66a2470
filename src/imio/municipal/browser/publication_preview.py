"""The secretariat's preview before publishing an act.

Side by side: the act's text and its public version. Below: every personal
data item found, with what will happen to it (masked automatically, to
decide, released with a reason), and the publishable annexes, each released
only with a reason. The « Publish » button posts the `publish` transition
(`@@act-transition`), which refuses while an item is undecided.
"""

from imio.municipal import _
from imio.municipal.publishing import decisions
from imio.municipal.publishing.sections import versions
from imio.municipal.publishing.texts import public_texts
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


KIND_TITLES = {
    "manual": _("finding_manual", default="Marked in the editor"),
    "niss": _("finding_niss", default="National register (NISS/BIS) number"),
    "iban": _("finding_iban", default="Bank account (IBAN)"),
    "email": _("finding_email", default="E-mail address"),
    "phone": _("finding_phone", default="Phone number"),
    "person": _("finding_person", default="Name of a person concerned"),
    "address": _("finding_address", default="Address of a person concerned"),
    "suspect-name": _("finding_suspect_name", default="Possible name of a private person"),
    "suspect-address": _("finding_suspect_address", default="Possible private address"),
}
ACTIONS = ("auto", "mask", "release")


class PublicationPreviewView(BrowserView):
    def __call__(self):
        self.errors = {}
        self.texts = public_texts(self.context)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.save():
                api.portal.show_message(
                    _("message_publication_choices_saved", default="Your choices are saved."),
                    request=self.request,
                )
                return self.request.response.redirect(
                    f"{self.context.absolute_url()}/@@publication-preview"
                )
        return self.index()

    # What the page shows

    def state(self) -> str:
        return api.content.get_state(self.context, default="")

    def original(self) -> str:
        parts = [getattr(self.context, name, None) for name in ("motivation", "decision")]
        return "".join(part.output for part in parts if part is not None and part.raw)

    def public(self) -> str:
        return self.texts.motivation.html + self.texts.decision.html

    def findings(self) -> list[dict]:
        stored = decisions.finding_decisions(self.context)
        undecided = {finding.key for finding in self.texts.undecided}
        rows = []
        for index, finding in enumerate(self.texts.findings):
            decision = stored.get(finding.key)
            rows.append(
                {
                    "index": index,
                    "key": finding.key,
                    "text": finding.text,
                    "kind": KIND_TITLES.get(finding.kind, finding.kind),
                    "certain": finding.certain,
                    "action": decision.action if decision else "auto",
                    "reason": decision.reason if decision else "",
                    "undecided": finding.key in undecided,
                    "error": self.errors.get(index),
                }
            )
        return rows

    def annexes(self) -> list[dict]:
        releases = decisions.annex_releases(self.context)
        rows = []
        for annex in self.context.objectValues():
            if getattr(annex, "portal_type", "") != "File":
                continue
            if getattr(annex, "confidential", False) or not getattr(annex, "publishable", False):
                continue
            rows.append(
                {
                    "uid": annex.UID(),
                    "title": annex.Title(),
                    "url": annex.absolute_url(),
                    "released": annex.UID() in releases,
                    "reason": releases.get(annex.UID(), ""),
                }
            )
        return rows

    def can_publish(self) -> bool:
        return self.state() == "executory" and not self.texts.undecided

    def versions(self) -> list:
        return versions(self.context)

    # Saving the choices

    def save(self) -> bool:
        form = self.request.form
        choices = []
        index = 0
        while f"key_{index}" in form:
            key = form[f"key_{index}"]
            action = form.get(f"action_{index}", "auto")
            reason = (form.get(f"reason_{index}") or "").strip()
            if action not in ACTIONS:
                action = "auto"
            if action == "release" and not reason:
                self.errors[index] = _(
                    "error_release_reason",
                    default="Say why this item may be published.",
                )
            choices.append((key, action, reason))
            index += 1
        annexes = {row["uid"]: row for row in self.annexes()}
        annex_choices = []
        for uid in annexes:
            released = form.get(f"annex_{uid}") == "release"
            reason = (form.get(f"annex_reason_{uid}") or "").strip()
            if released and not reason:
                self.errors[uid] = _(
                    "error_annex_reason",
                    default="Say why « ${title} » may be published.",
                    mapping={"title": annexes[uid]["title"]},
                )
            annex_choices.append((uid, released, reason))
        if self.errors:
            api.portal.show_message(
                translate(
                    _(
                        "error_publication_choices",
                        default="Nothing was saved: a release needs a reason.",
                    ),
                    context=self.request,
                ),
                request=self.request,
                type="error",
            )
            return False
        for key, action, reason in choices:
            if action == "auto":
                decisions.forget(self.context, key)
            else:
                decisions.decide(self.context, key, action, reason)
        for uid, released, reason in annex_choices:
            if released:
                decisions.release_annex(self.context, uid, reason)
            else:
                decisions.withhold_annex(self.context, uid)
        return True
