"""zconsole script of the reliability test: Namur and 500 messages in its outbox.

    zconsole run zope.conf populate.py --site Plone --url http://127.0.0.1:PORT \
        --count 500 --ids ids.json

Creates the Municipality Namur (INS 92094) sending to the Guichet over HTTP at
``--url``, then enqueues ``--count`` outbox messages, each a valid PIC package
whose manifest messageId is the message id (the Idempotency-Key), and writes
the message ids to ``--ids``. One commit.
"""

from datetime import date
from datetime import datetime
from datetime import UTC
from decimal import Decimal
from imio.municipal.exchange import outbox
from imio.municipal.exchange.common import Sender
from imio.municipal.exchange.pic_format import build_pic_package
from imio.municipal.exchange.pic_format import Investment
from imio.municipal.exchange.pic_format import PlanSubmission
from plone import api
from zope.component.hooks import setSite

import argparse
import json
import sys
import transaction
import uuid


NAMUR = {
    "id": "namur",
    "title": "Namur",
    "ins_code": "92094",
    "bce_number": "0216.689.981",
}
SENDER = Sender(NAMUR["ins_code"], NAMUR["bce_number"], "Ville de Namur")


def script_args(argv):
    for index, arg in enumerate(argv):
        if arg.endswith("populate.py"):
            return argv[index + 1 :]
    return []


def package(message_id: str, number: int) -> bytes:
    estimate = Decimal(100_000 + number * 100)
    submission = PlanSubmission(
        message_id=message_id,
        created_at=datetime.now(UTC),
        sender=SENDER,
        title=f"PIC de fiabilité {number:03d}",
        period="2025-2027",
        envelope=Decimal("1000000.00"),
        subsidy_rate=Decimal("50.00"),
        council_act_number=f"2026/conseil/{number}",
        council_session_date=date(2026, 10, 26),
        investments=(
            Investment(
                title=f"Voirie {number:03d}",
                category="roads",
                estimate_incl_vat=estimate,
                spge_share=Decimal(0),
                eligible_amount=estimate,
                subsidy_rate=Decimal("50.00"),
                subsidy=estimate / 2,
                municipal_share=estimate / 2,
                phase="A",
            ),
        ),
    )
    return build_pic_package(submission)


def main(app, argv):
    parser = argparse.ArgumentParser(prog="populate.py")
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--ids", required=True)
    options = parser.parse_args(argv)
    portal = app[options.site]
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        if NAMUR["id"] not in portal.objectIds():
            api.content.create(container=portal, type="Municipality", **NAMUR)
        namur = portal[NAMUR["id"]]
        namur.guichet_transport = "http"
        namur.guichet_url = options.url
        ids = []
        for number in range(1, options.count + 1):
            message_id = str(uuid.uuid4())
            outbox.enqueue(
                portal,
                message_id=message_id,
                target="guichet",
                ins_code=NAMUR["ins_code"],
                obj_uid=uuid.uuid4().hex,
                obj_path=f"/{options.site}/namur/pic-{number:03d}",
                obj_title=f"PIC de fiabilité {number:03d}",
                transport="http",
                payload=package(message_id, number),
                media_type="application/zip",
                filename=f"guichet-pic-{number:03d}.zip",
            )
            ids.append(message_id)
    transaction.commit()
    with open(options.ids, "w", encoding="utf-8") as stream:
        json.dump(ids, stream)
    print(f"Namur sends to {options.url}; {len(ids)} messages enqueued")


if __name__ == "__main__":
    main(app, script_args(sys.argv))  # noqa: F821 (app is provided by zconsole)
