"""The byline (« par admin — Dernière modification ») is not for citizens.

Plone shows it to every signed-in user; a citizen signed in to the e-counter
would read which staff member created or last changed a page, which tells
him nothing useful and names the municipality's staff.
"""

from imio.municipal.counter.citizens import is_citizen_id
from plone import api
from plone.app.layout.viewlets.content import DocumentBylineViewlet


class StaffBylineViewlet(DocumentBylineViewlet):
    def show(self):
        if is_citizen_id(api.user.get_current().getId()):
            return False
        return super().show()
