"""The members of a session's body, from the mandates of its municipality."""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from imio.municipal import _
from imio.municipal.errors import NotAllowed
from imio.municipal.sessions import composition
from imio.municipal.sessions.interfaces import ISessionFolder
from imio.municipal.sessions.messages import translated
from plone import api
from Products.CMFCore.utils import getToolByName


HOLD_SESSION = "imio.municipal: Hold session"
#: The local role of the members of a session's body, on the session and its items' acts.
SESSION_MEMBER = "SessionMember"


def sessions_folder_of(context):
    for obj in aq_chain(aq_inner(context)):
        if ISessionFolder.providedBy(obj):
            return obj
    return None


def mandates_of(context) -> list:
    """Every mandate of the municipality of ``context`` (whoever asks)."""
    folder = sessions_folder_of(context)
    if folder is None:
        return []
    # The catalog found from the folder, not from the site: local roles are
    # also asked while the catalog's queue is processed at commit, with no
    # site set any more.
    catalog = getToolByName(folder, "portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Mandate", path="/".join(folder.getPhysicalPath())
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def members_in_office(session) -> list[composition.Seat]:
    """The voting members of the session's body on its day, in order of precedence."""
    seats = [mandate.seat() for mandate in mandates_of(session)]
    return composition.members_in_office(seats, session.body, session.session_date)


def member_user_ids(session) -> set[str]:
    """The platform accounts of the members of the session's body on its day."""
    ids = {seat.member_id for seat in members_in_office(session)}
    # Unwrapped: an unset account must not be acquired (asked at commit too).
    accounts = {m.UID(): getattr(aq_base(m), "user_id", None) for m in mandates_of(session)}
    return {account for uid, account in accounts.items() if uid in ids and account}


def person_of(context, member_id: str) -> str:
    """The name of the member with this id (a mandate's UID), else the id itself."""
    for mandate in mandates_of(context):
        if mandate.UID() == member_id:
            return mandate.person
    return str(member_id)


def require_hold(session) -> None:
    """Only who may hold the session (the secretariat, in an open state) acts on it."""
    if not api.user.has_permission(HOLD_SESSION, obj=session):
        raise NotAllowed(
            translated(
                _(
                    "refusal_session_not_held_by_you",
                    default="You cannot change this session now: only the secretariat "
                    "holds a session, until it is closed.",
                )
            )
        )
