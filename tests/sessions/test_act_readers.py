"""Council members read the acts on the agenda of their session, from the convocation on."""

from datetime import date
from datetime import timedelta
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_mandate
from imio.municipal.demo.sessions import build_session
from imio.municipal.sessions import agenda
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest


SECRETARY = "namur-secretaire"


def _councillor(portal, login, municipality="namur", **fields):
    api.user.create(email=f"{login}@example.be", username=login, password="secret-Fictif-1")
    build_mandate(
        portal,
        municipality=municipality,
        person=login.replace("-", " ").title(),
        office="conseiller",
        user_id=login,
        **fields,
    )
    return login


def _reads(login, obj) -> bool:
    # Each check as a new request would: borg caches local-role checks on the request.
    annotations = IAnnotations(obj.REQUEST)
    for key in [key for key in annotations if "checkLocalRolesAllowed" in str(key)]:
        del annotations[key]
    return api.user.has_permission("View", username=login, obj=obj)


def _finds(portal, login, act) -> bool:
    with api.env.adopt_user(username=login):
        return bool(api.content.find(UID=act.UID()))


@pytest.fixture
def council(portal, members, validated_act, as_secretary):
    session = build_session(portal, body="conseil", session_date=date.today() + timedelta(days=14))
    public = validated_act("Règlement de la redevance pour le stationnement", body="conseil")
    closed = validated_act("Mise à la pension d'un agent communal", body="conseil")
    as_secretary(agenda.propose, session, public)
    as_secretary(agenda.propose, session, closed, closed=True)
    return session, public, closed


def test_a_councillor_reads_the_items_public_and_closed_once_convened(portal, council):
    session, public, closed = council
    reader = _councillor(portal, "conseillere-fictive")
    assert not _reads(reader, public)
    assert not _finds(portal, reader, public)
    do_transition(session, SECRETARY, "convene")
    for act in (public, closed):
        assert _reads(reader, act)
        assert _finds(portal, reader, act)
        assert not api.user.has_permission("Modify portal content", username=reader, obj=act)
    # Back to preparation: the convocation is withdrawn, and the reading with it.
    do_transition(session, SECRETARY, "back_to_preparation", comment="Date de séance déplacée.")
    assert not _reads(reader, public)
    assert not _finds(portal, reader, closed)


def test_who_is_not_a_member_in_office_reads_nothing(portal, council):
    session, public, closed = council
    former = _councillor(portal, "ancien-conseiller-fictif", end=date(2025, 1, 31))
    other = _councillor(portal, "conseiller-gembloux-fictif", municipality="gembloux")
    do_transition(session, SECRETARY, "convene")
    for login in (former, other):
        assert not _reads(login, public)
        assert not _reads(login, closed)
        assert not _finds(portal, login, public)


def test_a_councillor_named_after_the_convocation_reads_at_once(portal, council):
    session, public, _closed = council
    do_transition(session, SECRETARY, "convene")
    late = _councillor(portal, "conseiller-installe-fictif")
    assert _reads(late, public)
    assert _finds(portal, late, public)


def test_a_supplementary_item_is_read_as_soon_as_it_is_on_the_agenda(
    portal, council, validated_act, as_secretary
):
    session, _public, _closed = council
    reader = _councillor(portal, "conseiller-fictif-supplement")
    do_transition(session, SECRETARY, "convene")
    extra = validated_act("Motion relative à l'éclairage public", body="conseil")
    as_secretary(
        agenda.propose,
        session,
        extra,
        kind="supplementary",
        note="Point ajouté à la demande d'un conseiller.",
        received=date.today(),
    )
    assert _reads(reader, extra)
