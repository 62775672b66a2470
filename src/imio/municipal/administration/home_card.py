"""The « Personnel » card on the municipality's home, for its secretariat."""

from imio.municipal import _
from imio.municipal.platform import naming
from imio.municipal.platform.groups import users_of_group
from plone import api


MANAGE_PEOPLE = "imio.municipal: Manage municipal people"


def personnel_card(municipality) -> dict | None:
    if not api.user.has_permission(MANAGE_PEOPLE, obj=municipality):
        return None
    return {
        "id": "personnel",
        "title": _("heading_personnel", default="Personnel"),
        "description": _(
            "card_personnel_help",
            default="Accounts, functions and services of the municipality's people.",
        ),
        "url": f"{municipality.absolute_url()}/@@personnel",
        "count": len(users_of_group(naming.staff_group(municipality.ins_code))),
        "count_label": _("card_count_personnel", default="people"),
    }
