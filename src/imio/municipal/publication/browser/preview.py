"""The secretariat's preview before publishing an act.

Side by side: the act's text and its public version. Below: every personal
data item found, with what will happen to it (masked automatically, to
decide, released with a reason), and the publishable annexes, each released
only with a reason. The « Publish » button posts the `publish` transition
(`@@act-transition`), which refuses while an item is undecided.
"""

from imio.municipal import _
from imio.municipal.platform.refusals import show_refusal
from imio.municipal.publication import choices
from imio.municipal.publication import decisions
from imio.municipal.publication.preview import preview
from imio.municipal.publication.texts import public_texts
from imio.municipal.publication.texts import rich_html
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
    "suspect-niss": _(
        "finding_suspect_niss", default="Possible national register number (wrong checksum)"
    ),
    "suspect-iban": _("finding_suspect_iban", default="Possible bank account (wrong checksum)"),
}


class PublicationPreviewView(BrowserView):
    def __call__(self):
        self.errors = {}
        self.texts = public_texts(self.context)
        self.summary = preview(self.context, self.texts)
        self.may_decide = self.summary["may_decide"]
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
        return self.summary["review_state"] or ""

    def original(self) -> str:
        return rich_html(self.context, "motivation") + rich_html(self.context, "decision")

    def public(self) -> str:
        return self.summary["text"]

    def findings(self) -> list[dict]:
        rows = []
        for index, item in enumerate(self.summary["items"]):
            decision = item["decision"] or {"action": "auto", "reason": ""}
            rows.append(
                {
                    **item,
                    **decision,
                    "index": index,
                    "kind": KIND_TITLES.get(item["kind"], item["kind"]),
                    "error": self.errors.get(index),
                }
            )
        return rows

    def annexes(self) -> list[dict]:
        releases = decisions.annex_releases(self.context)
        rows = []
        for annex in choices.publishable_annexes(self.context):
            rows.append(
                {
                    "uid": annex.UID(),
                    "title": annex.Title(),
                    "url": annex.absolute_url(),
                    "released": annex.UID() in releases,
                    "reason": releases.get(annex.UID(), ""),
                    "error": self.errors.get(annex.UID()),
                }
            )
        return rows

    def versions(self) -> list[str]:
        return self.summary["versions"]

    # Saving the choices

    def save(self) -> bool:
        form = self.request.form
        items, keys = [], {}
        index = 0
        while f"key_{index}" in form:
            key = form[f"key_{index}"]
            keys[key] = index
            items.append(
                choices.ItemChoice(
                    key,
                    form.get(f"action_{index}", "auto"),
                    (form.get(f"reason_{index}") or "").strip(),
                )
            )
            index += 1
        annexes = [
            choices.AnnexChoice(
                annex.UID(),
                form.get(f"annex_{annex.UID()}") == "release",
                (form.get(f"annex_reason_{annex.UID()}") or "").strip(),
            )
            for annex in choices.publishable_annexes(self.context)
        ]
        try:
            errors = choices.apply(self.context, items, annexes, self.texts)
        except choices.NotAllowed as refused:
            show_refusal(refused, self.request)
            return False
        if not errors:
            return True
        # Shown next to the row (by index) or the annex (by UID).
        self.errors = {keys.get(name, name): message for name, message in errors.items()}
        api.portal.show_message(
            translate(
                _(
                    "error_publication_choices_refused",
                    default="Nothing was saved: see the reason next to each refused choice.",
                ),
                context=self.request,
            ),
            request=self.request,
            type="error",
        )
        return False
