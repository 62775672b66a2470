"""The secretariat's choices before publishing, checked then saved together.

Used by the preview form and by ``POST @publication``: a choice per
personal data item (auto = what detection decides, mask, release with a
reason) and per publishable annex (released with a reason, or not). Any
problem refuses the whole set: nothing is half-saved.

Only the secretariat (and the platform admins) chooses: the services draft
the act but do not decide what of it is published. Certain personal data
(a NISS, an e-mail, a phone, a linked person's name or address, a passage
marked in the editor) is never released, whoever asks.
"""

from dataclasses import dataclass
from imio.municipal import _
from imio.municipal import errors
from imio.municipal.publication import decisions
from imio.municipal.publication.texts import public_texts
from plone import api


ACTIONS = ("auto", "mask", "release")
# The secretariat's business, like the act's tutelle and publication blocks.
DECIDE_PERMISSION = "imio.municipal: Manage tutelle"


class NotAllowed(errors.NotAllowed):
    """The user may not choose what is published (a message to translate)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def may_decide(act) -> bool:
    """Does the current user choose what of the act is published?"""
    return api.user.has_permission(DECIDE_PERMISSION, obj=act)


@dataclass(frozen=True)
class ItemChoice:
    key: str
    action: str
    reason: str = ""


@dataclass(frozen=True)
class AnnexChoice:
    uid: str
    release: bool
    reason: str = ""


def publishable_annexes(act) -> list:
    """The annexes that may be released: publishable and not confidential."""
    return [
        annex
        for annex in act.objectValues()
        if getattr(annex, "portal_type", "") == "File"
        and getattr(annex, "publishable", False)
        and not getattr(annex, "confidential", False)
    ]


def problems(act, items: list[ItemChoice], annexes: list[AnnexChoice], texts=None) -> dict:
    """What is wrong, by item key or annex UID (empty: the choices are valid).

    `texts`: the act's public texts when the caller has them already."""
    texts = texts if texts is not None else public_texts(act)
    found = {finding.key: finding for finding in texts.findings}
    allowed = {annex.UID(): annex for annex in publishable_annexes(act)}
    errors = {}
    for choice in items:
        if choice.key not in found:
            errors[choice.key] = _(
                "error_unknown_item", default="No such personal data item in the act's texts."
            )
        elif choice.action not in ACTIONS:
            errors[choice.key] = _(
                "error_unknown_action",
                default="Choose « auto », « mask » or « release ».",
            )
        elif choice.action == "release" and not found[choice.key].releasable:
            errors[choice.key] = _(
                "error_release_certain",
                default="« ${text} » is always masked: a national register number, an e-mail "
                "address, a phone number, the name or address of a person concerned and a "
                "passage marked as personal data are never published.",
                mapping={"text": found[choice.key].text},
            )
        elif choice.action == "release" and not choice.reason.strip():
            errors[choice.key] = _(
                "error_release_reason", default="Say why this item may be published."
            )
    for choice in annexes:
        annex = allowed.get(choice.uid)
        if annex is None:
            errors[choice.uid] = _(
                "error_annex_not_publishable",
                default="This annex is not a publishable annex of the act.",
            )
        elif choice.release and not choice.reason.strip():
            errors[choice.uid] = _(
                "error_annex_reason",
                default="Say why « ${title} » may be published.",
                mapping={"title": annex.Title()},
            )
    return errors


def apply(act, items: list[ItemChoice], annexes: list[AnnexChoice], texts=None) -> dict:
    """Save every choice, or none: the problems (empty when saved).

    NotAllowed when the user is not the secretariat's (nothing saved)."""
    if not may_decide(act):
        raise NotAllowed(
            _(
                "refusal_publication_choices_secretariat",
                default="Only the secretariat chooses what of an act is published: "
                "nothing was saved.",
            )
        )
    errors = problems(act, items, annexes, texts)
    if errors:
        return errors
    for choice in items:
        if choice.action == "auto":
            decisions.forget(act, choice.key)
        else:
            decisions.decide(act, choice.key, choice.action, choice.reason)
    for choice in annexes:
        if choice.release:
            decisions.release_annex(act, choice.uid, choice.reason)
        else:
            decisions.withhold_annex(act, choice.uid)
    return {}
