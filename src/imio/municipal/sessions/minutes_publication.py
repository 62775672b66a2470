"""Approved council minutes, public part, published for citizens.

The public part of the minutes (closed-session items left out entirely,
personal data of each item masked as in its act's publication) is rendered
like every public document (PDF/A, signed by the municipality when it has a
certificate, its timestamp embedded in the signature) and kept in the
council's public section of the year, next to the council's published acts:
``{municipality}/publications/{year}/conseil/proces-verbal-{date}``.
The college's minutes are never published.
"""

from imio.municipal import logger
from imio.municipal.acts import tutelle
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.sections import _section
from imio.municipal.sessions import rules
from imio.municipal.sessions.minutes import minutes_of
from imio.municipal.sessions.minutes_render import render_minutes
from imio.municipal.sessions.minutes_render import sign_minutes
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile


def public_section(session):
    publications = municipality_of(session)["publications"]
    year = str(session.session_date.year)
    year_folder = _section(publications, year, year)
    return _section(year_folder, rules.COUNCIL, tutelle.BODIES[rules.COUNCIL].title_fr)


def publish_minutes(session, request):
    """Publish the public part of approved council minutes (never the college's)."""
    if session.body != rules.COUNCIL:
        return None
    signed = sign_minutes(session, render_minutes(session, request, public=True))
    section = public_section(session)
    day = session.session_date.isoformat()
    file_id = f"proces-verbal-{day}"
    municipality = municipality_of(session)
    with api.env.adopt_roles(["Manager"]):
        if file_id in section.objectIds():
            section.manage_delObjects([file_id])
        # A public section holds public versions; the minutes are the one
        # file added there, past the list of types its folders allow.
        public = createContentInContainer(
            section,
            "File",
            checkConstraints=False,
            id=file_id,
            title=f"Procès-verbal du Conseil communal du {rules.belgian(session.session_date)} "
            "(partie publique)",
            description=f"SHA-256 : {sha256_hex(signed.data)}",
            file=NamedBlobFile(
                data=signed.data,
                contentType="application/pdf",
                filename=f"{file_id}.pdf",
            ),
        )
        # The public record names the municipality, not the staff member who clicked.
        public.setCreators((municipality.getId(),))
        public.reindexObject()
    minutes_of(session).public_url = public.absolute_url()
    logger.info("Minutes of %s published as %s", session.Title(), public.absolute_url_path())
    return public
