"""The demo's public inquiry (``make run`` only, not the demo profile).

Namur's « Construction de 12 logements » (a permit case file under
examination, flagged for a public inquiry) gets its inquiry through the
opening, as the urbanism agent would, with a masked plan released; the two
demo citizens of the local OpenID Connect provider each send an observation
through the inquiry's own function. Their accounts are made as the sign-in
makes them, so that signing in as them at the provider reaches the same
account and shows each his own observation.

The test layers do not run this: their tests list the open notices and make
the citizens' accounts themselves (see docs/decisions.md).
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.counter.citizens import citizen_id
from imio.municipal.counter.citizens import CITIZENS_GROUP
from imio.municipal.demo.citizens import CITIZENS
from imio.municipal.inquiries import observations
from imio.municipal.inquiries.opening import inquiries_of
from imio.municipal.inquiries.opening import open_inquiry
from plone import api
from plone.namedfile.file import NamedBlobFile

import io
import pikepdf


MUNICIPALITY = "namur"
DOSSIER_TITLE = "Construction de 12 logements"
AGENT = "namur-agent-urbanisme"
PLAN_ID = "plan-implantation-masque"
# Started a few days ago: the notice shows a running inquiry, and the
# citizens' observations fall between its dates.
STARTED_DAYS_AGO = 3
OBSERVATIONS = {
    "marie.lambert": "Le gabarit de quatre niveaux dépasse nettement celui des maisons du "
    "boulevard ; je demande que le dernier étage soit en recul.",
    "luc.renard": "Je soutiens le projet, mais les 12 logements n'ont que 8 places de "
    "stationnement : le boulevard est déjà saturé le soir.",
}


def masked_plan_pdf() -> bytes:
    """A one-page PDF: the site plan as released for the inquiry (no names)."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(842, 595))
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
    )
    drawing = (
        b"2 w 100 120 640 360 re S 180 200 300 200 re S 520 200 160 120 re S "
        b"BT /F1 18 Tf 100 520 Td (Plan d'implantation - Boulevard d'Herbatte 101, Namur) Tj ET "
        b"BT /F1 12 Tf 190 300 Td (Immeuble projete : 12 logements) Tj ET "
        b"BT /F1 12 Tf 530 260 Td (Parking : 8 places) Tj ET "
        b"BT /F1 10 Tf 100 90 Td (Version masquee pour l'enquete publique) Tj ET"
    )
    page.Contents = pdf.make_stream(drawing)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _dossier(portal):
    folder = portal[MUNICIPALITY]["dossiers"]
    for dossier in folder.objectValues():
        if dossier.portal_type == "Dossier" and dossier.Title() == DOSSIER_TITLE:
            return dossier
    return None


def _released_plan(dossier):
    if PLAN_ID not in dossier.objectIds():
        with api.env.adopt_user(username=AGENT):
            api.content.create(
                container=dossier,
                type="File",
                id=PLAN_ID,
                title="Plan d'implantation (version masquée)",
                file=NamedBlobFile(
                    data=masked_plan_pdf(), contentType="application/pdf", filename="plan.pdf"
                ),
                annex_category="plan",
                publishable=True,
            )
    return dossier[PLAN_ID]


def ensure_demo_citizen(citizen: dict) -> str:
    """The account the sign-in makes for a demo citizen (no usable password)."""
    user_id = citizen_id(citizen["sub"])
    if api.user.get(userid=user_id) is None:
        with api.env.adopt_roles(["Manager"]):
            api.user.create(
                username=user_id,
                email=citizen["email"],
                properties={
                    "fullname": citizen["name"],
                    "niss": citizen["national_register_number"],
                },
            )
            api.group.add_user(groupname=CITIZENS_GROUP, username=user_id)
    return user_id


def create_demo_inquiry(portal):
    """Open the demo inquiry once, with two observations; the inquiry (or None
    without the demo case file)."""
    dossier = _dossier(portal)
    if dossier is None:
        return None
    existing = inquiries_of(dossier)
    if existing:
        return existing[0]
    plan = _released_plan(dossier)
    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(
            dossier, belgian_today() - timedelta(days=STARTED_DAYS_AGO), [plan.UID()]
        )
    for citizen in CITIZENS:
        user_id = ensure_demo_citizen(citizen)
        with api.env.adopt_user(username=user_id):
            observations.submit_observation(inquiry, OBSERVATIONS[citizen["sub"]])
    return inquiry
