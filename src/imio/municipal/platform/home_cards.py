"""The cards of a municipality's staff home: each area, how much it holds
for the user, and a link to it."""

from imio.municipal import _
from imio.municipal.dossiers.queue import search as queue_search
from imio.municipal.dossiers.states import OPEN_STATES
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules as exchange_rules
from imio.municipal.platform.structure import MUNICIPAL_FOLDERS
from imio.municipal.platform.structure import SHARED_PROJECTS_ID
from plone import api


MANAGE_TUTELLE = "imio.municipal: Manage tutelle"

# What each folder's count counts, and the words under it.
FOLDER_COUNTS = {
    "dossiers": (
        {"portal_type": "Dossier", "review_state": list(OPEN_STATES)},
        _("card_count_dossiers", default="open case files"),
    ),
    "actes": ({"portal_type": "Act"}, _("card_count_acts", default="acts in the register")),
    "pic": ({"portal_type": "InvestmentPlan"}, _("card_count_pic", default="investment plans")),
    "publications": (
        {"portal_type": "PublicVersion"},
        _("card_count_publications", default="publications"),
    ),
    "seances": ({"portal_type": "Session"}, _("card_count_sessions", default="sessions")),
}


def open_files(folder) -> int:
    """The open case files the user may see, from the deadline queue."""
    catalog = api.portal.get_tool("portal_catalog")
    queue = queue_search.queue_of(catalog)
    path = "/".join(folder.getPhysicalPath())
    if queue is None:
        return len(api.content.find(path=path, **FOLDER_COUNTS["dossiers"][0]))
    readers = queue_search.readers_of(catalog, api.user.get_current())
    by_state = queue_search.counts_by_state(queue, queue_search.QueueQuery(path, readers))
    return sum(by_state.get(state, 0) for state in OPEN_STATES)


def folder_cards(municipality) -> list[dict]:
    """One card per sub-folder the user may view, in the structure's order."""
    cards = []
    for folder_id, _portal_type, _title, _description in MUNICIPAL_FOLDERS:
        folder = municipality.get(folder_id)
        if folder is None or not api.user.has_permission("View", obj=folder):
            continue
        query, label = FOLDER_COUNTS.get(folder_id, ({}, None))
        count = None
        if folder_id == "dossiers":
            count = open_files(folder)
        elif query:
            path = "/".join(folder.getPhysicalPath())
            count = len(api.content.find(path=path, **query))
        cards.append(
            {
                "id": folder_id,
                "title": folder.Title(),
                "description": folder.Description(),
                "url": folder.absolute_url(),
                "count": count,
                "count_label": label,
            }
        )
    return cards


def journal_card(municipality) -> dict | None:
    """The exchange journal, for who keeps it (the secretariat): the
    messages that wait for a hand (failed, to deposit) are counted."""
    if not api.user.has_permission(MANAGE_TUTELLE, obj=municipality):
        return None
    waiting = [
        message
        for message in outbox.messages(api.portal.get(), ins_code=municipality.ins_code)
        if message.state in (exchange_rules.FAILED, exchange_rules.AWAITING_DEPOSIT)
    ]
    return {
        "id": "exchange-journal",
        "title": _("card_exchange_journal", default="Exchange journal"),
        "description": _(
            "card_exchange_journal_help",
            default="What was sent to the Region and the permit platform, and what came back.",
        ),
        "url": f"{municipality.absolute_url()}/@@exchange-journal",
        "count": len(waiting),
        "count_label": _("card_count_journal", default="messages waiting for you"),
    }


def shared_projects_card(municipality, projects: list) -> dict | None:
    if not projects:
        return None
    portal = api.portal.get()
    return {
        "id": "shared-projects",
        "title": _("heading_our_shared_projects", default="Our shared projects"),
        "description": _(
            "card_shared_projects_help", default="Projects led with other municipalities."
        ),
        "url": f"{portal.absolute_url()}/{SHARED_PROJECTS_ID}",
        "count": len(projects),
        "count_label": _("card_count_projects", default="shared projects"),
    }
