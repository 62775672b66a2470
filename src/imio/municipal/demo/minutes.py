"""Demo: the minutes of Namur's college held last week (generated, not yet approved).

Only when LibreOffice answers, like the demo's other documents: without it
the demo is built without minutes (and says so in the log).
"""

from imio.municipal import logger
from imio.municipal.documents.generation import converter_available
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.sessions import minutes
from plone import api


def create_demo_minutes(portal) -> int:
    """Idempotent: minutes already generated are kept."""
    if not converter_available():
        logger.warning("Demo minutes skipped: LibreOffice is not running (no PDF).")
        return 0
    folder = portal["namur"]["seances"]
    count = 0
    for session in folder.objectValues():
        if session.portal_type != "Session" or api.content.get_state(session) != "closed":
            continue
        if minutes.minutes_of(session) is not None:
            continue
        try:
            with api.env.adopt_user(username="namur-secretaire"):
                minutes.generate(session, portal.REQUEST)
        except MunicipalRefusal as refused:
            logger.warning("Demo minutes of %s not generated: %s", session.Title(), refused)
            continue
        count += 1
    logger.info("Demo minutes generated: %s", count)
    return count
