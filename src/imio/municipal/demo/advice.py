"""Demo acts with the directeur financier's advice: asked, given, past its delay."""

from datetime import date
from datetime import timedelta
from decimal import Decimal
from imio.municipal import logger
from imio.municipal.acts import advice
from imio.municipal.core import calendar
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.platform.content_ids import slug
from plone import api
from plone.app.textfield.value import RichTextValue


AGENT, CHIEF, SECRETARY, DF = (
    "namur-agent-travaux",
    "namur-chef-travaux",
    "namur-secretaire",
    "namur-directeur-financier",
)

# (title, amount excl. VAT, working days since asked, given N working days ago
# (sense, text) or None, state path)
ACTS = [
    (
        "Marché de travaux : rénovation de la toiture de l'école communale de Bouge",
        Decimal("84500.00"),
        3,
        None,
        ("propose",),
    ),
    (
        "Marché de fournitures : acquisition d'une balayeuse de voirie",
        Decimal("148000.00"),
        8,
        (
            2,
            "favourable_with_remarks",
            "Le crédit est inscrit à l'article 421/743-52 du "
            "budget extraordinaire; prévoir l'emprunt avant la notification du marché.",
        ),
        ("propose", "validate"),
    ),
    (
        "Contrat de maintenance des installations de chauffage des bâtiments communaux",
        Decimal("36300.00"),
        20,
        None,
        ("propose", "validate"),
    ),
]


def _working_days_ago(today: date, days: int) -> date:
    day = today
    while days:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days -= 1
    return day


def _motivation() -> RichTextValue:
    html = (
        "<p>Vu le Code de la démocratie locale et de la décentralisation, notamment "
        "l'article L1222-3;</p>"
        "<p>Vu le Code des marchés publics;</p>"
        "<p>Considérant que le crédit permettant cette dépense est inscrit au budget;</p>"
    )
    return RichTextValue(html, "text/html", "text/x-html-safe")


def create_demo_advice(portal) -> None:
    """Idempotent: acts already there are left as they are."""
    register = portal["namur"]["actes"]
    today = calendar.belgian_today()
    for title, amount, asked_ago, given, path in ACTS:
        if slug(title) in register.objectIds():
            continue
        act = build_act(
            portal,
            user=AGENT,
            title=title,
            kind="college_decision",
            body="college",
            responsible_service="travaux",
            financial_impact=amount,
            motivation=_motivation(),
        )
        with api.env.adopt_user(username=AGENT):
            record = advice.ask(
                act, "financial_director", today=_working_days_ago(today, asked_ago)
            )
        if given:
            days_ago, sense, text = given
            with api.env.adopt_user(username=DF):
                advice.give(act, record["id"], sense, text, _working_days_ago(today, days_ago))
        for transition in path:
            do_transition(act, CHIEF if transition == "propose" else SECRETARY, transition)
    logger.info("Demo advice ready")
