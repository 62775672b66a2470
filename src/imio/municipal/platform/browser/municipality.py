"""The home page of a municipality."""

from imio.municipal.administration.home_card import personnel_card
from imio.municipal.platform import home_cards
from imio.municipal.platform import territory
from imio.municipal.platform.structure import MUNICIPAL_FOLDERS
from imio.municipal.projects.browser.view import state_title
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView


class MunicipalityView(BrowserView):
    """Public facts, then the areas the visitor may enter."""

    def ins_label(self) -> str:
        entry = territory.get(self.context.ins_code or "")
        return entry.label if entry else (self.context.ins_code or "")

    def areas(self) -> list[dict]:
        """The sub-folders this user may view, in the structure's order."""
        areas = []
        for folder_id, _portal_type, _title, _description in MUNICIPAL_FOLDERS:
            folder = self.context.get(folder_id)
            if folder is None:
                continue
            if not api.user.has_permission("View", obj=folder):
                continue
            areas.append(
                {
                    "id": folder_id,
                    "title": folder.Title(),
                    "description": folder.Description(),
                    "url": folder.absolute_url(),
                }
            )
        return areas

    @memoize
    def cards(self) -> list[dict]:
        """The areas with their counts; for staff also the shared projects
        and, for the secretariat, the exchange journal."""
        cards = home_cards.folder_cards(self.context)
        if self.is_staff():
            extra = (
                home_cards.shared_projects_card(self.context, self.shared_projects()),
                home_cards.journal_card(self.context),
                personnel_card(self.context),
            )
            cards.extend(card for card in extra if card)
        return cards

    def is_staff(self) -> bool:
        return api.user.has_permission("Modify portal content", obj=self.context) or any(
            area["id"] != "publications" for area in self.areas()
        )

    def services(self) -> list[dict]:
        return list(self.context.services or [])

    @memoize
    def shared_projects(self) -> list[dict]:
        """Our shared projects (lead or partner) the visitor may see."""
        rows = []
        brains = api.content.find(
            portal_type="SharedProject",
            participants=self.context.ins_code,
            sort_on="sortable_title",
        )
        for brain in brains:
            project = brain.getObject()
            milestone = project.next_milestone()
            rows.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "lead": project.lead_municipality == self.context.ins_code,
                    "state": state_title(project, self.request),
                    "state_id": brain.review_state,
                    "milestone": milestone.title if milestone else "",
                    "due": api.portal.get_localized_time(milestone.due)
                    if milestone and milestone.due
                    else "",
                }
            )
        return rows
