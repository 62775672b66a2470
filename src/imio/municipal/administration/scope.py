"""Whom the secretariat of a municipality may see and change.

Only its own people: users in one of its groups, or that it disabled. Never
a platform account (Manager, Site Administrator) and never a user who also
works for another municipality: those stay with the platform admins.
"""

from imio.municipal import _
from imio.municipal.administration import functions
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.administration.refusals import PeopleRefused
from imio.municipal.platform import naming
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


PLATFORM_ROLES = frozenset({"Manager", "Site Administrator"})
DISABLED_KEY = "imio.municipal.administration.disabled"


def disabled_records(municipality, create=False):
    """login → what disabling took away (groups, e-mail), for re-enabling."""
    annotations = IAnnotations(municipality)
    records = annotations.get(DISABLED_KEY)
    if records is None and create:
        records = annotations[DISABLED_KEY] = PersistentMapping()
    return records if records is not None else {}


def municipal_groups(user) -> set[str]:
    """The ids of the municipal groups the user is in (nested ones included)."""
    return {group for group in user.getGroups() if functions.ins_of_group(group)}


def has_platform_role(user) -> bool:
    return bool(PLATFORM_ROLES & set(user.getRoles()))


def other_municipalities(user, ins_code: str) -> set[str]:
    return {functions.ins_of_group(group) for group in municipal_groups(user)} - {ins_code}


def belongs(municipality, user) -> bool:
    """One of the municipality's people: in its staff, or disabled by it."""
    ins_code = municipality.ins_code
    return naming.staff_group(ins_code) in municipal_groups(
        user
    ) or user.getId() in disabled_records(municipality)


def user_of(municipality, login: str):
    """The user the secretariat may change, or a refusal saying why not."""
    user = api.user.get(username=(login or "").strip()) if login else None
    if user is None:
        raise PeopleInputRefused(
            _(
                "error_unknown_user",
                default='No user "${login}".',
                mapping={"login": (login or "")[:60]},
            )
        )
    if has_platform_role(user):
        raise PeopleRefused(
            _(
                "error_platform_account",
                default="${login} is a platform account: only the platform administrators "
                "manage it.",
                mapping={"login": login},
            )
        )
    if not belongs(municipality, user):
        raise PeopleRefused(
            _(
                "error_not_our_user",
                default="${login} is not one of this municipality's people.",
                mapping={"login": login},
            )
        )
    if other_municipalities(user, municipality.ins_code):
        raise PeopleRefused(
            _(
                "error_shared_user",
                default="${login} also works for another municipality: only the platform "
                "administrators manage such an account.",
                mapping={"login": login},
            )
        )
    return user


def check_not_self(user) -> None:
    if user.getId() == api.user.get_current().getId():
        raise PeopleRefused(_("error_not_yourself", default="You cannot disable your own account."))
