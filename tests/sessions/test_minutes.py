"""The minutes of a session: generated (PDF/A), approved at the next session, frozen,
published for citizens (council, public part only)."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.documents import pdfa
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.sessions import agenda
from imio.municipal.sessions import holding
from imio.municipal.sessions import minutes
from imio.municipal.sessions.minutes_render import render_minutes
from imio.municipal.testing import require_libreoffice
from io import BytesIO
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pikepdf
import pytest
import subprocess


SECRETARY = "namur-secretaire"
COLLEGE_MEMBERS = ["Alice Fictive", "Bruno Imaginaire", "Chloé Exemple", "David Modèle"]
MANAGE = minutes.MANAGE_MINUTES


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture
def lo(integration):
    return require_libreoffice(integration)


COUNCIL_PRESENT = COLLEGE_MEMBERS[:3] + [f"Conseiller Fictif {n}" for n in range(1, 5)]


def convened(portal, body, day, act=None, as_secretary=None):
    """Convened ahead (a council urgently, the day before), then dated ``day``."""
    ahead = belgian_today() + timedelta(days=1)
    kind = "urgent" if body == "conseil" else "ordinary"
    session = build_session(portal, body=body, session_date=ahead, kind=kind)
    if act is not None:
        as_secretary(agenda.propose, session, act)
        do_transition(session, SECRETARY, "convene")
    session.session_date = day
    session.reindexObject()
    return session


def held(portal, members, validated_act, as_secretary, day, body="college", titles=None):
    """A session of ``body`` on ``day``, held and closed: item 1 adopted unanimously,
    item 2 a closed-session secret ballot, item 3 postponed."""
    kind = "urgent" if body == "conseil" else "ordinary"
    ahead = belgian_today() + timedelta(days=1)
    session = build_session(portal, body=body, session_date=ahead, kind=kind)
    titles = titles or ("Achat de mobilier", "Nomination d'un agent", "Travaux de voirie")
    acts = [validated_act(title, body=body) for title in titles]
    for act in acts:
        as_secretary(agenda.propose, session, act)
    as_secretary(agenda.set_closed, session, session.agenda[1].item_id, True)
    do_transition(session, SECRETARY, "convene")
    # Held on ``day`` (in the past): the tests need a closed session before today.
    session.session_date = day
    session.reindexObject()
    do_transition(session, SECRETARY, "open")
    voters = COLLEGE_MEMBERS[:3] if body == "college" else COUNCIL_PRESENT
    as_secretary(holding.set_presences, session, {members[p]: "present" for p in voters})
    as_secretary(holding.set_presences, session, {members["David Modèle"]: "excused"})
    as_secretary(holding.record_vote, session, session.agenda[0].item_id)
    totals = {"votes_for": len(voters) - 1, "votes_against": 1, "abstentions": 0}
    as_secretary(holding.record_vote, session, session.agenda[1].item_id, "secret", totals=totals)
    as_secretary(agenda.postpone, session, session.agenda[2].item_id, "Avis juridique attendu")
    do_transition(session, SECRETARY, "close")
    return session


@pytest.fixture
def closed_college(portal, members, validated_act, as_secretary):
    return held(portal, members, validated_act, as_secretary, belgian_today() - timedelta(days=3))


def test_minutes_of_a_closed_session(closed_college, lo, request_, as_secretary):
    session = closed_college
    as_secretary(minutes.generate, session, request_)
    data = minutes.minutes_of(session).pdf.data
    assert pdfa.pdfa_part(data) == "2B"
    with pikepdf.open(BytesIO(data)) as pdf:
        info = pdf.open_metadata()
        assert info["dc:title"] == f"Procès-verbal — {session.Title()}"
        assert info["dc:creator"] == ["Commune de Namur"]
        assert str(pdf.Root.Lang) == "fr-BE"
    text = pdf_text(data)
    assert "Présents : Alice Fictive, Bourgmestre, Bruno Imaginaire" in text
    assert "Excusé : David Modèle, Président(e) du CPAS" in text
    assert "Secrétaire de séance : Directeur Fictif, Directeur général" in text
    # Agenda order, the closed session apart and after the public part.
    public_at, closed_at = text.index("Séance publique"), text.index("Séance à huis clos")
    assert public_at < text.index("1. Achat de mobilier") < closed_at
    assert closed_at < text.index("2. Nomination d'un agent")
    assert public_at < text.index("3. Travaux de voirie") < closed_at
    assert "À l'unanimité des 3 membres présents." in text
    # A secret ballot: its totals only.
    assert "Au scrutin secret, par 2 voix pour et 1 voix contre." in text
    assert "reporté à une séance ultérieure (Avis juridique attendu)" in text
    assert "soumis à l'approbation de la prochaine séance" in text
    # Signed by the directeur général and the bourgmestre of the composition.
    signatures = text.split("Par le Collège,")[-1]
    for words in ("Le Directeur général,", "Le Bourgmestre,", "Directeur Fictif", "Alice Fictive"):
        assert words in signatures


def test_minutes_refusals(portal, members, validated_act, as_secretary, lo, request_):
    session = build_session(portal, body="college", session_date=belgian_today())
    as_secretary(agenda.propose, session, validated_act("Achat de mobilier"))
    with pytest.raises(StateRefusal, match="une fois la séance clôturée"):
        as_secretary(minutes.generate, session, request_)
    closed = held(
        portal, members, validated_act, as_secretary, belgian_today() - timedelta(days=14)
    )
    with api.env.adopt_user(username="namur-college"):
        with pytest.raises(NotAllowed):
            minutes.generate(closed, request_)
    assert minutes.minutes_of(closed) is None
    # approve_minutes is not a button: only the next session's approval step.
    with pytest.raises(WorkflowException, match="prochaine séance"):
        do_transition(closed, SECRETARY, "approve_minutes")
    assert api.content.get_state(closed) == "closed"


def test_approval_at_the_next_session(
    closed_college, portal, members, validated_act, as_secretary, lo, request_, signatures
):
    previous = closed_college
    nxt = build_session(portal, body="college", session_date=belgian_today())
    as_secretary(agenda.propose, nxt, validated_act("Achat de fournitures"))
    do_transition(nxt, SECRETARY, "convene")
    # Not before it is held, and not before the minutes exist.
    with pytest.raises(StateRefusal, match="ouvrez-la"):
        as_secretary(minutes.approve_previous, nxt, "", request_)
    do_transition(nxt, SECRETARY, "open")
    with pytest.raises(StateRefusal, match="pas encore généré"):
        as_secretary(minutes.approve_previous, nxt, "", request_)
    as_secretary(minutes.generate, previous, request_)
    with pytest.raises(MunicipalRefusal, match="5000"):
        as_secretary(minutes.approve_previous, nxt, "x" * 5001, request_)
    assert api.content.get_state(previous) == "closed"

    remark = "Au point 1, lire « mobilier scolaire »."
    as_secretary(minutes.approve_previous, nxt, remark, request_)
    assert api.content.get_state(previous) == "minutes_approved"
    record = minutes.minutes_of(previous)
    assert record.approval["remarks"] == remark
    assert record.approval["session_uid"] == nxt.UID()
    text = pdf_text(record.pdf.data)
    assert f"approuvé en séance du {belgian_today():%d/%m/%Y}" in text
    assert remark in text
    assert pdfa.pdfa_part(record.pdf.data) == "2B"
    # Signed (PAdES) with the municipality's certificate.
    assert "Namur" in record.signed_by and record.signature_problem is None
    assert b"/ByteRange" in record.pdf.data
    # Frozen: nobody regenerates it, platform admins included.
    for user in (SECRETARY, "admin"):
        with api.env.adopt_user(username=user):
            assert not api.user.has_permission(MANAGE, obj=previous)
    with pytest.raises(StateRefusal, match="figé"):
        as_secretary(minutes.generate, previous, request_)
    with pytest.raises(StateRefusal, match="déjà approuvé"):
        as_secretary(minutes.approve_previous, nxt, "", request_)
    # The college's minutes are never published.
    assert record.public_url is None
    assert minutes.approved_minutes_of(nxt) == previous


def test_who_reads_the_minutes(closed_college, lo, request_, as_secretary):
    session = closed_college
    as_secretary(minutes.generate, session, request_)
    readers = {SECRETARY: True, "namur-college": True, "admin": True}
    outsiders = {"namur-agent-urbanisme": False, "gembloux-secretaire": False}
    for user, may in {**readers, **outsiders}.items():
        with api.env.adopt_user(username=user):
            assert api.user.has_permission("View", obj=session) is may, user
    with api.env.adopt_user(username=SECRETARY):
        assert api.user.has_permission(MANAGE, obj=session)
    with api.env.adopt_user(username="namur-college"):
        assert not api.user.has_permission(MANAGE, obj=session)

    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=session)


def test_rendering_without_libreoffice_is_refused(closed_college, request_, monkeypatch):
    from imio.municipal.documents import generation

    monkeypatch.setattr(generation, "converter_available", lambda: False)
    with pytest.raises(MunicipalRefusal, match="LibreOffice") as refused:
        with api.env.adopt_user(username=SECRETARY):
            render_minutes(closed_college, request_)
    assert refused.value.status == 503


def test_approved_council_minutes_are_published_without_the_closed_part(
    portal, members, validated_act, as_secretary, lo, request_
):
    titles = ("Règlement de stationnement", "Sanction disciplinaire d'un agent", "Budget")
    previous = held(
        portal, members, validated_act, as_secretary, belgian_today() - timedelta(days=2),
        body="conseil", titles=titles,
    )  # fmt: skip
    as_secretary(minutes.generate, previous, request_)
    assert "Sanction disciplinaire" in pdf_text(minutes.minutes_of(previous).pdf.data)
    salt = validated_act("Achat de sel", body="conseil")
    nxt = convened(portal, "conseil", belgian_today(), salt, as_secretary)
    do_transition(nxt, SECRETARY, "open")
    as_secretary(minutes.approve_previous, nxt, "", request_)
    url = minutes.minutes_of(previous).public_url
    public = api.content.get(path=url.replace(portal.absolute_url(), ""))
    assert public.aq_parent.getId() == "conseil"
    with api.env.adopt_roles(["Anonymous"]):
        assert api.user.has_permission("View", obj=public)
        assert not api.user.has_permission("View", obj=previous)
    data = public.file.data
    assert pdfa.pdfa_part(data) == "2B"
    text = pdf_text(data)
    assert "partie publique" in text.lower() and "1. Règlement de stationnement" in text
    assert "3. Budget" in text
    # The closed-session part is never published, not even its heading.
    assert "Sanction disciplinaire" not in text and "huis clos" not in text


def test_upgrade_installs_the_minutes(portal, closed_college):
    from imio.municipal.upgrades.v1014_minutes import upgrade

    templates = portal["document-templates"]
    with api.env.adopt_roles(["Manager"]):
        templates.manage_delObjects(["minutes"])
    closed_college.manage_permission(MANAGE, [], acquire=False)
    upgrade(portal)
    assert "minutes" in templates.objectIds()
    roles = {r["name"] for r in closed_college.rolesOfPermission(MANAGE) if r["selected"]}
    assert roles == {"Manager", "Site Administrator", "MunicipalSecretary"}
