"""The checks of what the region sends (Plone-free): one rule, one test."""

from datetime import date
from datetime import datetime
from datetime import UTC
from imio.municipal.exchange.region_input import ActFacts
from imio.municipal.exchange.region_input import check_item
from imio.municipal.exchange.region_input import check_message
from imio.municipal.exchange.region_input import check_pic
from imio.municipal.exchange.region_input import check_receipt
from imio.municipal.exchange.region_input import check_tutelle
from imio.municipal.exchange.region_input import item_cursor
from imio.municipal.exchange.region_input import items
from imio.municipal.exchange.region_input import Refused
from imio.municipal.exchange.region_input import TutelleDecision
from zoneinfo import ZoneInfo

import pytest


TODAY = date(2026, 12, 6)
SENT = date(2026, 12, 1)
BRUSSELS = ZoneInfo("Europe/Brussels")
TRANSMITTED = ActFacts(state="transmitted", regime="approval", number="2026/conseil/118")


def outcome(**changes):
    item = {
        "cursor": 3,
        "receipt_id": "ET-2026-000001",
        "message_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "ins_code": "92094",
        "act_number": "2026/conseil/118",
        "outcome": "approved",
        "decided_on": "2026-12-04",
        "extension_days": None,
    }
    return {key: value for key, value in {**item, **changes}.items() if value != "-"}


def refusal(check, *args, **kwargs) -> tuple[str, str]:
    """(msgid, English sentence) of the refusal ``check`` raises."""
    with pytest.raises(Refused) as raised:
        check(*args, **kwargs)
    return str(raised.value.message), str(raised.value)


def tutelle(item, act=TRANSMITTED):
    return check_tutelle(item, act, SENT, TODAY)


def test_a_valid_outcome_and_extension():
    assert tutelle(outcome()) == TutelleDecision("approved", date(2026, 12, 4))
    extended = outcome(outcome="extended", extension_days=15)
    assert tutelle(extended) == TutelleDecision("extended", date(2026, 12, 4), 15)
    general = ActFacts(state="executory", regime="general")
    assert tutelle(outcome(outcome="annulled"), general).outcome == "annulled"
    assert tutelle(outcome(), general).outcome == "approved"  # recorded, no transition


@pytest.mark.parametrize(
    ("days", "msgid"),
    [
        (9999, "region_refusal_extension_range"),
        (16, "region_refusal_extension_range"),
        (0, "region_refusal_extension_range"),
        (-3, "region_refusal_extension_range"),
        ("abc", "region_refusal_not_integer"),
        ("15", "region_refusal_not_integer"),
        (15.0, "region_refusal_not_integer"),
        (True, "region_refusal_not_integer"),
        (None, "region_refusal_missing"),
    ],
)
def test_the_extension_is_15_days_at_most_and_a_whole_number(days, msgid):
    assert refusal(tutelle, outcome(outcome="extended", extension_days=days))[0] == msgid


def test_the_sentences_say_what_was_wrong():
    assert refusal(tutelle, outcome(outcome="extended", extension_days=9999))[1] == (
        "An extension of 9999 days is not allowed: at most 15 days, once."
    )
    assert refusal(tutelle, outcome(outcome="extended", extension_days="abc"))[1] == (
        "extension_days must be a whole number, not « abc »."
    )


def test_the_delay_is_extended_once():
    extended = ActFacts(state="transmitted", regime="approval", extension_days=15)
    item = outcome(outcome="extended", extension_days=5)
    assert refusal(tutelle, item, extended)[0] == "region_refusal_extension_twice"
    # The decision after the extension is still welcome.
    assert tutelle(outcome(), extended).outcome == "approved"


def test_the_state_is_named_by_its_workflow_title():
    act = ActFacts("published", "general", state_title="Published")
    with pytest.raises(Refused) as raised:
        tutelle(outcome(outcome="annulled"), act)
    state = raised.value.message.mapping["state"]
    assert (state, state.domain) == ("Published", "plone")
    assert str(raised.value) == (
        "An outcome « annulled » cannot be recorded on an act that is « Published »."
    )
    with pytest.raises(Refused) as raised:
        check_pic(decision(), "to_correct", SENT, TODAY, "To correct")
    assert raised.value.message.mapping["state"].domain == "plone"


def test_extension_days_only_with_an_extension():
    item = outcome(extension_days=15)
    assert refusal(tutelle, item)[0] == "region_refusal_extension_without_extended"


@pytest.mark.parametrize(
    ("act", "item", "msgid"),
    [
        # Outcome on an annulled act.
        (
            ActFacts("annulled", "approval", outcome="not_approved", outcome_date=SENT),
            outcome(),
            "region_refusal_already_decided",
        ),
        (ActFacts("annulled", "general"), outcome(outcome="annulled"), "region_refusal_act_state"),
        (
            ActFacts("annulled", "general"),
            outcome(outcome="extended", extension_days=9999),
            "region_refusal_act_state",
        ),
        (
            ActFacts("annulled", "general"),
            outcome(outcome="extended", extension_days=5),
            "region_refusal_act_state",
        ),
        # A second decision (duplicated outcome).
        (
            ActFacts("executory", "approval", outcome="approved", outcome_date=SENT),
            outcome(),
            "region_refusal_already_decided",
        ),
        # Executory by expiry: too late for the authority.
        (
            ActFacts("executory", "approval", outcome="executory_by_expiry"),
            outcome(outcome="annulled"),
            "region_refusal_already_decided",
        ),
        # Nothing changes a published act, nor an act that was never sent.
        (ActFacts("published", "general"), outcome(outcome="annulled"), "region_refusal_act_state"),
        (ActFacts("adopted", "approval"), outcome(), "region_refusal_act_state"),
        (ActFacts("executory", "approval"), outcome(), "region_refusal_act_state"),
        (ActFacts("executory", "none"), outcome(), "region_refusal_no_tutelle"),
    ],
)
def test_the_outcome_must_be_possible_in_the_acts_state(act, item, msgid):
    assert refusal(tutelle, item, act)[0] == msgid


@pytest.mark.parametrize(
    ("decided_on", "msgid"),
    [
        ("2026-12-07", "region_refusal_future_date"),
        ("2026-11-30", "region_refusal_before_sending"),
        ("2026-02-30", "region_refusal_not_date"),
        ("02/12/2026", "region_refusal_not_date"),
        ("2026-12-04T10:00:00", "region_refusal_not_date"),
        ("20261204", "region_refusal_not_date"),
        (20261204, "region_refusal_not_date"),
        ("-", "region_refusal_missing"),
    ],
)
def test_the_decision_date_can_be_true(decided_on, msgid):
    assert refusal(tutelle, outcome(decided_on=decided_on))[0] == msgid
    assert tutelle(outcome(decided_on="2026-12-01")).decided_on == SENT  # the day it was sent
    assert tutelle(outcome(decided_on="2026-12-06")).decided_on == TODAY


@pytest.mark.parametrize(
    ("changes", "msgid"),
    [
        ({"outcome": "approuvé"}, "region_refusal_not_allowed"),
        ({"outcome": ["approved"]}, "region_refusal_not_allowed"),
        ({"outcome": "-"}, "region_refusal_missing"),
        ({"act_number": "2026/conseil/119"}, "region_refusal_act_number"),
        ({"act_number": "x" * 201}, "region_refusal_not_text"),
        ({"act_number": 118}, "region_refusal_not_text"),
    ],
)
def test_the_outcome_and_the_act_number(changes, msgid):
    assert refusal(tutelle, outcome(**changes))[0] == msgid


@pytest.mark.parametrize(
    ("item", "msgid"),
    [
        (["not", "an", "object"], "region_refusal_not_object"),
        (outcome(ins_code="92142"), "region_refusal_other_municipality"),
        (outcome(ins_code="-"), "region_refusal_missing"),
        (outcome(ins_code=92094), "region_refusal_not_text"),
        (outcome(cursor="-"), "region_refusal_missing"),
        (outcome(cursor="4"), "region_refusal_not_integer"),
        (outcome(cursor=0), "region_refusal_bad_cursor"),
        (outcome(receipt_id="-"), "region_refusal_missing"),
        (outcome(receipt_id="ET 1; DROP"), "region_refusal_bad_receipt"),
        (outcome(receipt_id="E" * 300), "region_refusal_not_text"),
    ],
)
def test_every_item_belongs_to_the_municipality_polled(item, msgid):
    assert refusal(check_item, item, "92094")[0] == msgid


def test_a_valid_item_names_its_receipt():
    assert check_item(outcome(), "92094") == "ET-2026-000001"
    assert item_cursor(outcome()) == 3
    assert [item_cursor(x) for x in (outcome(cursor="3"), outcome(cursor=True), [], None)] == [
        None
    ] * 4


def test_the_message_is_the_one_of_the_receipt():
    check_message(outcome(), "0f8fad5b-d9cb-469f-a165-70867728950e", "ET-2026-000001")
    assert refusal(check_message, outcome(), "other", "ET-2026-000001")[0] == (
        "region_refusal_other_message"
    )
    missing = outcome(message_id="-")
    assert refusal(check_message, missing, "x", "ET-1")[0] == "region_refusal_missing"


def test_the_answer_is_a_list_of_items():
    assert items({"items": [], "cursor": 0}) == []
    for data in (None, [], {"items": {}}, {"cursor": 3}, {"items": [{}] * 1001}):
        assert refusal(items, data)[0] == "region_refusal_not_items"


def decision(**changes):
    item = {"decision": "approved", "decided_on": "2026-12-04", "comment": None}
    return {key: value for key, value in {**item, **changes}.items() if value != "-"}


def test_pic_decisions():
    assert check_pic(decision(), "transmitted", SENT, TODAY).decision == "approved"
    fixed = check_pic(
        decision(decision="to_correct", comment="Phase B"), "transmitted", SENT, TODAY
    )
    assert fixed.comment == "Phase B"
    cases = [
        (decision(), "to_correct", "region_refusal_plan_state"),
        (decision(decision="refused"), "transmitted", "region_refusal_not_allowed"),
        (decision(comment="x" * 5001), "transmitted", "region_refusal_not_text"),
        (decision(comment=["x"]), "transmitted", "region_refusal_not_text"),
        (decision(decided_on="2027-01-01"), "transmitted", "region_refusal_future_date"),
        (decision(plan_title=7), "transmitted", "region_refusal_not_text"),
    ]
    for item, state, msgid in cases:
        assert refusal(check_pic, item, state, SENT, TODAY)[0] == msgid


SENT_AT = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 6, 9, 0, 1, tzinfo=UTC)


def receipt(data):
    return check_receipt(data, SENT_AT, NOW, BRUSSELS)


def test_a_receipt():
    found = receipt({"receipt_id": "ET-2026-000001", "received_at": "2026-12-06T09:00:01Z"})
    assert (found.receipt_id, found.received_on) == ("ET-2026-000001", date(2026, 12, 6))
    assert receipt({"response_id": "RSP-2026-000001"}).received_on is None
    assert receipt({"status": "received"}) is None
    # 23:30 UTC on 5 December is already 6 December in Belgium.
    late = receipt({"receipt_id": "ET-1", "received_at": "2026-12-05T23:30:00Z"})
    assert late.received_on == date(2026, 12, 6)


@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        ({"receipt_id": 5}, "region_refusal_not_text"),
        ({"receipt_id": ["ET-1"]}, "region_refusal_not_text"),
        ({"receipt_id": ""}, "region_refusal_not_text"),
        ({"receipt_id": "ET 1"}, "region_refusal_bad_receipt"),
        ({"receipt_id": "ET-1", "received_at": "yesterday"}, "region_refusal_not_moment"),
        ({"receipt_id": "ET-1", "received_at": "2026-12-06T09:00:00"}, "region_refusal_not_moment"),
        (
            {"receipt_id": "ET-1", "received_at": "2026-12-06T10:00:00Z"},
            "region_refusal_future_date",
        ),
        (
            {"receipt_id": "ET-1", "received_at": "2026-11-28T10:00:00Z"},
            "region_refusal_before_sending",
        ),
    ],
)
def test_a_receipt_that_cannot_be_true(data, msgid):
    assert refusal(receipt, data)[0] == msgid
