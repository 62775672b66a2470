"""Transmitting a PIC plan creates its outbox message in the same transaction."""

from imio.municipal.demo.builders import do_transition
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange.package import read_package
from imio.municipal.exchange.validation import validate
from lxml import etree
from plone import api


SECRETARY = "namur-secretaire"


def test_transmit_stores_a_valid_package_to_deposit(portal, approved_plan):
    do_transition(approved_plan, SECRETARY, "transmit")
    [message] = outbox.messages(portal, obj_uid=api.content.get_uuid(approved_plan))
    # Namur has no HTTP endpoint configured: the secretariat deposits the ZIP.
    assert message.state == rules.AWAITING_DEPOSIT
    assert message.target == "guichet"
    manifest, files = read_package(message.read_payload())
    assert validate(manifest, "pic-1.0") == []
    root = etree.fromstring(manifest)
    ns = {"pic": "urn:imio:municipal:pic:1.0"}
    assert root.findtext("pic:messageId", namespaces=ns) == message.id
    assert root.findtext(".//pic:councilAct/pic:number", namespaces=ns).startswith("2026/conseil/")
    assert len(root.findall(".//pic:investment", namespaces=ns)) == 2
    assert root.findtext(".//pic:totals/pic:subsidies", namespaces=ns) == "420000.00"


def test_with_http_configured_the_worker_will_send_it(portal, approved_plan):
    portal["namur"].guichet_transport = "http"
    portal["namur"].guichet_url = "http://127.0.0.1:8200"
    do_transition(approved_plan, SECRETARY, "transmit")
    [message] = outbox.messages(portal, obj_uid=api.content.get_uuid(approved_plan))
    assert message.state == rules.PENDING
    assert message.id in outbox.claimable_ids(portal, outbox.utcnow())
