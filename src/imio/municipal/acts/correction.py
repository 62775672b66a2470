"""The correction of an adopted act: a material error fixed by the
secretariat, with a comment kept in the history.

The act's content is frozen at adoption (the workflow maps the permission
to nobody). A material error (a typo, a wrong count) is still corrected, by
this rule only: the act must be adopted and not yet annulled, the comment
is required, the votes must add up, and the correction is recorded in the
workflow history next to the transitions. The form and any other caller
(REST, a script) go through :func:`correct_act`.
"""

from DateTime import DateTime
from imio.municipal import _
from imio.municipal.acts.content import check_votes
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal
from plone import api
from zope.event import notify
from zope.interface import Invalid
from zope.lifecycleevent import ObjectModifiedEvent


CORRECTABLE = (
    "title",
    "motivation",
    "decision",
    "legal_basis",
    "members_present",
    "votes_for",
    "votes_against",
    "votes_abstention",
    "unanimity",
)
CORRECTABLE_STATES = ("adopted", "transmitted", "executory")
WORKFLOW = "municipal_act_workflow"


class NotCorrectable(StateRefusal):
    def __init__(self):
        self.message = _(
            "message_correction_unavailable",
            default="Only an adopted act is corrected this way; edit a draft directly.",
        )
        super().__init__(str(self.message))


class CorrectionRefused(InvalidInput):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def check_correctable(act) -> None:
    if api.content.get_state(act, default="") not in CORRECTABLE_STATES:
        raise NotCorrectable()


def correct_act(act, values: dict, comment: str) -> list[str]:
    """Apply the corrected ``values`` (among :data:`CORRECTABLE`) to ``act``
    and record ``comment`` in its history; the names of the fields that
    changed (none: nothing recorded). Refused, with nothing saved, for an act
    that is not adopted, without a comment, or with votes that do not add up."""
    check_correctable(act)
    unknown = set(values) - set(CORRECTABLE)
    if unknown:
        raise CorrectionRefused(
            _(
                "refusal_correction_fields",
                default="Only the title, texts and votes are corrected: ${fields}.",
                mapping={"fields": ", ".join(sorted(unknown))},
            )
        )
    if not (comment or "").strip():
        raise CorrectionRefused(
            _("refusal_correction_comment", default="Say what is corrected and why.")
        )
    merged = {name: values.get(name, getattr(act, name, None)) for name in CORRECTABLE}
    try:
        check_votes(
            merged["members_present"],
            merged["votes_for"],
            merged["votes_against"],
            merged["votes_abstention"],
            merged["unanimity"],
        )
    except Invalid as error:
        raise CorrectionRefused(error.args[0]) from None
    changed = [name for name in CORRECTABLE if merged[name] != getattr(act, name, None)]
    if not changed:
        return []
    previous = {name: plain(getattr(act, name, None)) for name in changed}
    for name in changed:
        setattr(act, name, merged[name])
    record_correction(act, comment, changed, previous)
    notify(ObjectModifiedEvent(act))
    return changed


def plain(value):
    """A field's value as kept in the history: rich text as its HTML."""
    return getattr(value, "raw", value)


def record_correction(act, comment: str, fields: list[str], previous: dict | None = None) -> None:
    """A history entry (same state, action "correct") with the comment and
    the values the correction replaced: the act's earlier text lives in its
    own history, not only in older database revisions that a pack removes."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    state = api.content.get_state(act)
    workflow_tool.setStatusOf(
        WORKFLOW,
        act,
        {
            "action": "correct",
            "review_state": state,
            "actor": api.user.get_current().getId(),
            "comments": f"{comment.strip()} ({', '.join(fields)})",
            "previous": dict(previous or {}),
            "time": DateTime(),
        },
    )
    act.reindexObject()
