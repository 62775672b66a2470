"""The secretariat's choices before publishing, checked then saved together.

Used by the preview form and by ``POST @publication``: a choice per
personal data item (auto = what detection decides, mask, release with a
reason) and per publishable annex (released with a reason, or not). Any
problem refuses the whole set: nothing is half-saved.
"""

from dataclasses import dataclass
from imio.municipal import _
from imio.municipal.publishing import decisions
from imio.municipal.publishing.texts import public_texts


ACTIONS = ("auto", "mask", "release")


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
    found = {finding.key for finding in texts.findings}
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
    """Save every choice, or none: the problems (empty when saved)."""
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
