"""Builders of sessions and mandates for the demo and the tests; the demo sessions."""

from datetime import date
from datetime import timedelta
from imio.municipal import logger
from imio.municipal.core import calendar
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.compositions import ASSEMBLIES
from imio.municipal.demo.compositions import composition_rows
from imio.municipal.demo.compositions import MANDATE_START
from imio.municipal.platform.content_ids import slug
from imio.municipal.sessions import agenda
from imio.municipal.sessions import holding
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.members import members_in_office
from plone import api
from plone.app.textfield.value import RichTextValue


def _free_id(container, name: str) -> str:
    # Sessions and mandates are never renamed (only platform admins move them):
    # choose the final id up front.
    base = candidate = slug(name)
    number = 1
    while candidate in container.objectIds():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def build_mandate(portal, municipality="namur", user=None, **fields):
    """A mandate recorded by the secretariat.

    >>> build_mandate(portal, person="Claire Fictive", office="conseiller")  # doctest: +SKIP
    """
    user = user or f"{municipality}-secretaire"
    fields.setdefault("office", "conseiller")
    fields.setdefault("start", date(2024, 12, 2))
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["seances"],
            type="Mandate",
            id=_free_id(portal[municipality]["seances"], f"mandat-{fields['person']}"),
            **fields,
        )


def build_session(portal, municipality="namur", user=None, **fields):
    """A session in preparation, created by the secretariat."""
    user = user or f"{municipality}-secretaire"
    fields.setdefault("body", "college")
    fields.setdefault("place", "Hôtel de ville")
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["seances"],
            type="Session",
            id=_free_id(
                portal[municipality]["seances"], f"{fields['body']}-{fields['session_date']}"
            ),
            **fields,
        )


# (title, service, closed session); the college's agenda of last week.
HELD_COLLEGE = (
    ("Désignation d'un coordinateur sécurité-santé pour la rénovation de la salle de sport "
     "de Jambes", "travaux", False),
    ("Octroi d'un subside à l'asbl Les Amis du parc de la Citadelle", "finances", False),
    ("Approbation de l'état d'avancement n° 3 du chantier de la rue de Fer", "travaux", False),
    ("Occupation du domaine public par le marché de Noël de la place d'Armes", "urbanisme",
     False),
    ("Engagement d'une employée d'administration à titre temporaire au service des finances",
     "finances", True),
    ("Avis du collège sur l'aménagement de la voirie rue des Brasseurs", "urbanisme", False),
)  # fmt: skip
POSTPONED_TITLE = HELD_COLLEGE[-1][0]
NEXT_COLLEGE = (
    ("Approbation du rôle de la taxe sur les enseignes lumineuses", "finances", False),
    ("Attribution du marché de fourniture de sel de déneigement", "travaux", False),
    ("Octroi d'un congé pour convenances personnelles à un agent technique", "travaux", True),
)  # fmt: skip
CONVENED_COUNCIL = (
    ("Modification budgétaire n° 2 du budget ordinaire de l'exercice", "finances", False),
    ("Règlement complémentaire de police relatif à la circulation rue Lelièvre", "travaux",
     False),
    ("Convention de mise à disposition de la salle des fêtes de Saint-Servais", "urbanisme",
     False),
    ("Approbation du plan de mobilité scolaire de Jambes", "urbanisme", False),
    ("Nomination définitive d'un agent technique en chef", "travaux", True),
)  # fmt: skip


def _working_day_on_or_before(day: date) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _first_day_convened_today(today: date) -> date:
    """The first working day a council convened today may sit (L1122-13)."""
    day = today + timedelta(days=1)
    while not calendar.is_working_day(day) or rules.last_day_to_convene(day) < today:
        day += timedelta(days=1)
    return day


def _texts(title: str) -> dict:
    """The motivation and decision every deliberation prints."""
    return {
        "motivation": RichTextValue(
            "<p>Vu le Code de la démocratie locale et de la décentralisation, "
            "notamment l'article L1123-23 ;</p>"
            "<p>Vu le rapport du service ;</p>",
            "text/html",
            "text/x-html-safe",
        ),
        "decision": RichTextValue(
            f"<p>Article 1er : {title} est approuvé.</p>"
            "<p>Article 2 : le service est chargé de l'exécution de la présente décision.</p>",
            "text/html",
            "text/x-html-safe",
        ),
    }


def _agenda(portal, session, rows, city="namur"):
    """Validated acts of the session's body, proposed in the order of ``rows``."""
    fields = {"kind": "college_decision"} if session.body == rules.COLLEGE else {}
    secretary = f"{city}-secretaire"
    for title, service, closed in rows:
        act = build_act(
            portal, municipality=city, title=title, body=session.body,
            responsible_service=service, **fields, **_texts(title),
        )  # fmt: skip
        do_transition(act, f"{city}-chef-{service}", "propose")
        do_transition(act, secretary, "validate")
        with api.env.adopt_user(username=secretary):
            agenda.propose(session, act, closed=closed)


def _hold_college(session, city="namur"):
    """Held as a college sits: one member excused, one item postponed, the rest adopted."""
    members = [seat.member_id for seat in members_in_office(session)]
    secretary = f"{city}-secretaire"
    do_transition(session, secretary, "convene")
    session.convocation_sent = session.session_date - timedelta(days=3)
    with api.env.adopt_user(username=secretary):
        holding.set_presences(session, {member: records.PRESENT for member in members})
        holding.set_presences(session, {members[-1]: records.EXCUSED})
    do_transition(session, secretary, "open")
    with api.env.adopt_user(username=secretary):
        postponed = next(i for i in session.agenda if agenda.act_of(i).Title() == POSTPONED_TITLE)
        agenda.postpone(session, postponed.item_id, "Avis du service juridique attendu")
        holding.adopt_remaining(session)
    do_transition(session, secretary, "close")


def create_demo_compositions(portal) -> None:
    """Idempotent: a municipality that has mandates keeps them."""
    for city in ASSEMBLIES:
        folder = portal[city]["seances"]
        if any(obj.portal_type == "Mandate" for obj in folder.objectValues()):
            continue
        for row in composition_rows(city):
            build_mandate(portal, municipality=city, start=MANDATE_START, **row)


def create_demo_sessions(portal) -> None:
    """Namur: a college held last week, the next one in preparation, a council
    convened today. Idempotent: a municipality that has sessions keeps them."""
    create_demo_compositions(portal)
    folder = portal["namur"]["seances"]
    if any(obj.portal_type == "Session" for obj in folder.objectValues()):
        return
    today = calendar.belgian_today()
    held = build_session(
        portal, session_date=_working_day_on_or_before(today - timedelta(days=7)),
        start_time="09:00", place="Hôtel de ville, salle du collège",
    )  # fmt: skip
    _agenda(portal, held, HELD_COLLEGE)
    _hold_college(held)
    upcoming = build_session(
        portal, session_date=calendar.next_working_day(today + timedelta(days=6)),
        start_time="09:00", place="Hôtel de ville, salle du collège",
    )  # fmt: skip
    _agenda(portal, upcoming, NEXT_COLLEGE)
    council = build_session(
        portal, body=rules.COUNCIL, session_date=_first_day_convened_today(today),
        start_time="19:30", place="Hôtel de ville, salle du conseil",
    )  # fmt: skip
    _agenda(portal, council, CONVENED_COUNCIL)
    do_transition(council, "namur-secretaire", "convene")
    logger.info("Demo sessions ready: %s", ", ".join(folder.objectIds()))
