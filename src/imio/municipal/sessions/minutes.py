"""The minutes (procès-verbal) of a session: generated, approved, frozen.

The secretariat generates the minutes of a closed session (a POD template
like the other official documents, PDF/A). They are approved at the next
session of the same body (CDLD L1122-16): the approval is a step of that
session, held by the secretariat, with the remarks of the members; the
final minutes then carry the approval and the signatures of the bourgmestre
and the directeur général, are signed with the municipality's certificate
when it has one, and are frozen (the session's workflow gives nobody the
permission to manage them once approved). Approved council minutes of the
public part are published (:mod:`imio.municipal.sessions.minutes_publication`).

Kept in an annotation of the session, like its other records: the minutes
exist only with their session and follow its workflow.
"""

from Acquisition import aq_base
from datetime import datetime
from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.sessions import rules
from imio.municipal.sessions.members import require_hold
from imio.municipal.sessions.members import sessions_folder_of
from imio.municipal.sessions.messages import translated
from persistent import Persistent
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


KEY = "imio.municipal.sessions.minutes"
# Which earlier session's minutes a session approved (its UID).
APPROVES_KEY = "imio.municipal.sessions.approves_minutes"
MANAGE_MINUTES = "imio.municipal: Manage minutes"
# The states a session's minutes exist in (generated once it is closed).
MINUTES_STATES = ("closed", "minutes_approved")
# A session approves the previous minutes while it is held.
APPROVING_STATES = ("in_session",)
MAX_REMARKS = 5000


class Minutes(Persistent):
    """The minutes of one session: the latest PDF and, once approved, the approval."""

    def __init__(self):
        self.pdf = None
        self.generated_at = None
        self.generated_by = None
        #: session_uid, session_title, day, remarks, by, at — set at approval.
        self.approval = None
        self.signed_by = None
        self.signature_problem = None
        #: The public part, once published (council only).
        self.public_url = None


def minutes_of(session) -> Minutes | None:
    return IAnnotations(session).get(KEY)


def _refuse(message, refusal=InvalidInput):
    raise refusal(translated(message))


def _state(session) -> str:
    return api.content.get_state(session)


def generation_refusal(session):
    """Why the minutes of ``session`` cannot be (re)generated now, or None.

    Returns (message, refusal class).
    """
    state = _state(session)
    if state == "minutes_approved":
        return (
            _(
                "refusal_minutes_frozen",
                default="The minutes were approved: they are frozen and are not generated again.",
            ),
            StateRefusal,
        )
    if state not in MINUTES_STATES:
        return (
            _(
                "refusal_minutes_not_closed",
                default="The minutes are generated once the session is closed.",
            ),
            StateRefusal,
        )
    if not api.user.has_permission(MANAGE_MINUTES, obj=session):
        return (
            _(
                "refusal_minutes_not_yours",
                default="Only the secretariat generates the minutes of a session.",
            ),
            NotAllowed,
        )
    return None


def store(session, data: bytes, final: bool = False) -> Minutes:
    minutes = minutes_of(session)
    if minutes is None:
        minutes = IAnnotations(session)[KEY] = Minutes()
    day = session.session_date.isoformat()
    suffix = "" if not final else "-approuve"
    minutes.pdf = NamedBlobFile(
        data=data,
        contentType="application/pdf",
        filename=f"proces-verbal-{session.body}-{day}{suffix}.pdf",
    )
    minutes.generated_at = datetime.now().isoformat(timespec="seconds")
    minutes.generated_by = api.user.get_current().getId()
    return minutes


def generate(session, request) -> Minutes:
    """Render the minutes of a closed session and keep them (replacing a draft)."""
    from imio.municipal.sessions.minutes_render import render_minutes

    problem = generation_refusal(session)
    if problem is not None:
        _refuse(*problem)
    return store(session, render_minutes(session, request))


def previous_session(session):
    """The session of the same body and municipality held just before ``session``."""
    folder = sessions_folder_of(session)
    if folder is None or not session.session_date:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Session", path="/".join(folder.getPhysicalPath())
    )
    earlier = [
        obj
        for obj in (brain._unrestrictedGetObject() for brain in brains)
        if obj.body == session.body
        and obj.session_date
        and obj.session_date < session.session_date
        and _state(obj) in MINUTES_STATES
    ]
    return max(earlier, key=lambda obj: obj.session_date, default=None)


def approval_refusal(session, previous, remarks):
    """Why ``session`` cannot approve the minutes of ``previous`` now, or None."""
    if not isinstance(remarks, str) or len(remarks) > MAX_REMARKS:
        return _(
            "refusal_minutes_remarks",
            default="The remarks are a text of at most ${max} characters.",
            mapping={"max": str(MAX_REMARKS)},
        ), InvalidInput
    if _state(session) not in APPROVING_STATES:
        return _(
            "refusal_minutes_approve_not_in_session",
            default="The minutes of the previous session are approved while this session "
            "is held: open it first.",
        ), StateRefusal
    if previous is None:
        return _(
            "refusal_minutes_no_previous",
            default="No earlier closed session of this body: there are no minutes to approve.",
        ), StateRefusal
    if _state(previous) == "minutes_approved":
        return _(
            "refusal_minutes_already_approved",
            default="The minutes of « ${session} » are already approved.",
            mapping={"session": previous.Title()},
        ), StateRefusal
    minutes = minutes_of(previous)
    if minutes is None or minutes.pdf is None:
        return _(
            "refusal_minutes_not_generated",
            default="The minutes of « ${session} » are not generated yet: generate them first.",
            mapping={"session": previous.Title()},
        ), StateRefusal
    return None


def approve_previous(session, remarks: str, request):
    """The assembly approves the minutes of its previous session (L1122-16).

    The final minutes are rendered with the approval and the remarks, signed
    and frozen; everything or nothing (a refusal dooms the transaction).
    """
    from imio.municipal.sessions.minutes_publication import publish_minutes
    from imio.municipal.sessions.minutes_render import render_minutes
    from imio.municipal.sessions.minutes_render import sign_minutes

    require_hold(session)
    previous = previous_session(session)
    problem = approval_refusal(session, previous, remarks)
    if problem is not None:
        _refuse(*problem)
    if not api.user.has_permission(MANAGE_MINUTES, obj=previous):
        _refuse(
            _(
                "refusal_minutes_not_yours",
                default="Only the secretariat generates the minutes of a session.",
            ),
            NotAllowed,
        )
    minutes = minutes_of(previous)
    try:
        minutes.approval = PersistentMapping(
            session_uid=session.UID(),
            session_title=session.Title(),
            day=session.session_date.isoformat(),
            remarks=remarks.strip(),
            by=api.user.get_current().getId(),
            at=datetime.now().isoformat(timespec="seconds"),
        )
        signed = sign_minutes(previous, render_minutes(previous, request))
        store(previous, signed.data, final=True)
        minutes.signed_by = signed.signer or None
        minutes.signature_problem = signed.problem or None
        IAnnotations(session)[APPROVES_KEY] = previous.UID()
        day = rules.belgian(session.session_date)
        try:
            api.portal.get_tool("portal_workflow").doActionFor(
                previous, "approve_minutes", comment=f"Approuvé en séance du {day}"
            )
        except WorkflowException as error:
            raise StateRefusal(str(error)) from None
        if previous.body == rules.COUNCIL:
            publish_minutes(previous, request)
    except Exception:
        transaction.doom()
        raise
    return previous


def approved_minutes_of(session):
    """The earlier session whose minutes ``session`` approved, or None."""
    uid = IAnnotations(session).get(APPROVES_KEY)
    if not uid:
        return None
    brains = api.content.find(UID=uid, unrestricted=True)
    return brains[0]._unrestrictedGetObject() if brains else None


def before_transition(session, event):
    """``approve_minutes`` only from the next session's approval step."""
    if event.transition is None or event.transition.id != "approve_minutes":
        return
    minutes = minutes_of(aq_base(session))
    if minutes is None or minutes.approval is None:
        transaction.doom()
        raise WorkflowException(
            translate(
                _(
                    "refusal_minutes_approve_directly",
                    default="The minutes are approved at the next session of the same body: "
                    "record the approval, with its remarks, from that session.",
                ),
                context=getRequest(),
            )
        )
