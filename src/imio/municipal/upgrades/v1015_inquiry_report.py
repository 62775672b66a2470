"""1014 -> 1015: the inquiry report as an official document, and inquiry ends
that never fall on a weekend or a public holiday.

Installs the « inquiry_report » template with the other official documents,
and moves the end of every inquiry still taking observations to the next
working day when it fell on a Saturday, a Sunday or a public holiday (the
end only moves later: no observation already allowed is refused).
"""

from imio.municipal import logger
from imio.municipal.documents.install import install_templates
from plone import api


def upgrade(context=None):
    templates = install_templates(api.portal.get())
    moved = []
    for brain in api.content.find(portal_type="Inquiry", review_state="open", unrestricted=True):
        inquiry = brain._unrestrictedGetObject()
        before = inquiry.end
        inquiry.compute_end()
        if inquiry.end != before:
            inquiry.reindexObject()
            moved.append(brain.getPath())
    logger.info("Inquiry report: templates %s; ends moved: %s", templates, moved)
    return moved
