"""A case file's fields, stored deadlines and indexes."""

from datetime import date
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import COMPANY
from imio.municipal.demo.builders import do_transition as transition
from imio.municipal.dossiers.content import IDossierSchema
from imio.municipal.platform.validators import MunicipalValidationError
from plone import api
from zope.event import notify
from zope.interface import Invalid
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


def test_a_new_file_is_a_draft_without_reference(dossier):
    assert api.content.get_state(dossier) == "draft"
    assert dossier.reference is None
    assert dossier.decision_deadline is None


def test_receiving_assigns_reference_and_completeness_deadline(received):
    assert received.reference == f"2026/pu/{received.reference.rsplit('/', 1)[1]}"
    # 2 March 2026 + 20 days = Sunday 22 March -> Monday 23 March (CoDT D.IV.33).
    assert received.completeness_deadline == date(2026, 3, 23)


def test_completeness_starts_the_decision_delay(received):
    received.completeness_date = date(2026, 3, 10)
    transition(received, "namur-agent-urbanisme", "declare_complete")
    # 30 days from 10 March 2026 = Thursday 9 April (Easter Monday was 6 April).
    assert received.decision_deadline == date(2026, 4, 9)
    assert api.content.get_state(received) == "in_progress"


def test_flags_and_extension_recompute_the_deadline_on_save(received):
    received.completeness_date = date(2026, 3, 10)
    transition(received, "namur-agent-urbanisme", "declare_complete")
    received.public_inquiry = True
    received.delegated_officer = True
    received.extension_days = 30
    notify(ObjectModifiedEvent(received))
    # 115 + 30 = 145 days from 10 March 2026 = 2 August 2026, a Sunday -> Monday 3.
    assert received.decision_deadline == date(2026, 8, 3)
    brain = api.content.find(UID=received.UID(), unrestricted=True)[0]
    assert brain.current_deadline == date(2026, 8, 3)


def test_deadlines_are_indexed_for_the_dashboard(received):
    found = api.content.find(
        portal_type="Dossier",
        current_deadline={"query": date(2026, 3, 23), "range": "max"},
        reference=received.reference,
        unrestricted=True,
    )
    assert [b.UID for b in found] == [received.UID()]


def test_searchable_by_reference_title_and_applicant(received):
    for text in (received.reference, "véranda", "Dupont"):
        found = api.content.find(SearchableText=text, portal_type="Dossier", unrestricted=True)
        assert received.UID() in [b.UID for b in found], text


def test_a_company_applicant(portal):
    obj = build_dossier(portal, applicants=[dict(COMPANY)])
    assert obj.applicant_names() == ["Immo Meuse SRL"]


def invariant_errors(**data):
    class Data:
        pass

    obj = Data()
    for name in IDossierSchema.names():
        setattr(obj, name, None)
    for name, value in data.items():
        setattr(obj, name, value)
    errors = []
    try:
        IDossierSchema.validateInvariants(obj, errors)
    except Invalid:
        pass
    return [str(e) for e in errors]


def test_completeness_before_receipt_is_refused():
    errors = invariant_errors(received_date=date(2026, 3, 10), completeness_date=date(2026, 3, 9))
    assert errors == ["error_completeness_before_receipt"]


def test_extension_beyond_the_legal_maximum_is_refused():
    assert invariant_errors(procedure="pu", extension_days=31) == ["error_extension_too_long"]
    assert invariant_errors(procedure="pu", extension_days=30) == []
    assert invariant_errors(procedure="generic", extension_days=5) == [
        "error_extension_without_delay"
    ]


@pytest.mark.parametrize(
    "rows,msgid",
    [
        ([], "error_no_applicant"),
        ([{"kind": "person", "name": "A", "niss": "85073003329"}], "error_applicant_niss_invalid"),
        ([{"kind": "person", "name": "A"}], "error_applicant_niss_missing"),
        ([{"kind": "company", "name": "B", "bce": "0216.689.982"}], "error_applicant_bce_invalid"),
        (
            [{"kind": "company", "name": "B", "bce": "0216.689.981", "niss": "85073003328"}],
            "error_applicant_company_niss",
        ),
        ([{"kind": "person", "name": "", "niss": "85073003328"}], "error_applicant_name"),
    ],
)
def test_applicant_checks(rows, msgid):
    field = IDossierSchema["applicants"]
    with pytest.raises(MunicipalValidationError) as error:
        field.constraint(rows)
    assert str(error.value.doc()) == msgid


def test_a_bis_number_is_accepted():
    field = IDossierSchema["applicants"]
    assert field.constraint([{"kind": "person", "name": "A", "niss": "85473003317"}])


def test_parcels_must_be_capakeys():
    field = IDossierSchema["parcels"].value_type
    field.validate("92094A0123/00B000")
    with pytest.raises(MunicipalValidationError):
        field.validate("92094-A-123")
