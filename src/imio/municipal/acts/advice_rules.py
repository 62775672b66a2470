"""The directeur financier's legality advice on draft decisions (Plone-free).

CDLD art. L1124-40, § 1er, 3° (as replaced by the decree of 18 April 2013 on
the legal grades): the directeur financier gives « en toute indépendance, un
avis de légalité écrit, préalable et motivé sur tout projet de décision du
Conseil communal ou du Collège communal ayant une incidence financière ou
budgétaire supérieure à 22 000,00 euros, dans les dix jours ouvrables de la
réception du dossier contenant le projet et ses annexes explicatives
éventuelles ». 4° gives the same advice on his own initiative below the
threshold. The delay « peut être prorogé d'une durée égale par décision de
l'auteur de l'acte concerné si le directeur financier en fait la demande
motivée »; « en cas d'urgence dûment motivée », it is brought down to five
days.

How far this was verified: the wording above is the one quoted in the written
question n° 30 (2013-2014) of the Walloon Parliament (parlement-wallonie.be);
the amount is excluding VAT in the practice guides of the directeurs
financiers (financesconnect.be), and the question places the extension and the
urgency after 4°: they are applied here to the compulsory advice too. The
consolidated CDLD itself was not read. The code does not refuse to go on past
the delay, as the issue's practice says (the advice is then passed over and
that is recorded on the act).

Counting: the day the complete file is received does not count; the tenth
working day is the last one; working days are Monday to Friday without the
Belgian public holidays (:mod:`imio.municipal.core.calendar`). « Jours
ouvrables » in the strict sense would count Saturdays; counting them would
shorten the directeur financier's delay, so the longer reading is kept.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from decimal import Decimal
from imio.municipal.core import calendar
from imio.municipal.core import money


#: L1124-40, § 1er, 3°: above this financial impact (excl. VAT) the advice is compulsory.
THRESHOLD_EXCL_VAT = Decimal("22000.00")
#: L1124-40, § 1er, 3°: working days from the receipt of the complete file.
DELAY_WORKING_DAYS = 10
#: L1124-40, § 1er: an urgency, duly motivated, brings the delay down to five days.
URGENT_DELAY_WORKING_DAYS = 5

#: Who may be asked for an advice.
FINANCIAL_DIRECTOR = "financial_director"
SERVICE = "service"
KINDS = (FINANCIAL_DIRECTOR, SERVICE)

#: What the adviser says.
FAVOURABLE = "favourable"
FAVOURABLE_WITH_REMARKS = "favourable_with_remarks"
UNFAVOURABLE = "unfavourable"
SENSES = (FAVOURABLE, FAVOURABLE_WITH_REMARKS, UNFAVOURABLE)
#: A sense that needs a text saying why (remarks, or the reasons of the refusal).
SENSES_NEEDING_TEXT = (FAVOURABLE_WITH_REMARKS, UNFAVOURABLE)

#: Where an advice stands.
ASKED = "asked"
GIVEN = "given"
PASSED_OVER = "passed_over"

#: The « Vu » of the deliberation, per sense (French, as the documents are).
SENSE_WORDS_FR = {
    FAVOURABLE: "favorable",
    FAVOURABLE_WITH_REMARKS: "favorable avec remarques",
    UNFAVOURABLE: "défavorable",
}


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself never counts).

    >>> add_working_days(date(2026, 12, 18), 5)  # Christmas (Friday) is skipped
    datetime.date(2026, 12, 28)
    """
    if days < 1:
        raise ValueError(f"A delay counts at least one working day: {days}")
    day = calendar.as_date(start)
    left = days
    while left:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def advice_required(financial_impact) -> bool:
    """Whether the directeur financier's advice is compulsory (strictly above 22 000 €).

    >>> advice_required(Decimal("22000.00")), advice_required(Decimal("22000.01"))
    (False, True)
    """
    if financial_impact is None:
        return False
    return money.quantize(financial_impact) > THRESHOLD_EXCL_VAT


def due_date(received: date, urgent: bool = False, extended: bool = False) -> date:
    """The last day to give the advice on a file received complete on ``received``.

    An extension adds a delay equal to the first one, counted from its end.

    >>> due_date(date(2026, 3, 2))  # a Monday: the tenth working day is a Monday
    datetime.date(2026, 3, 16)
    """
    days = URGENT_DELAY_WORKING_DAYS if urgent else DELAY_WORKING_DAYS
    last = add_working_days(received, days)
    return add_working_days(last, days) if extended else last


def may_go_on_without(due: date, today: date) -> bool:
    """Past its last day, the draft may go on without the advice (recorded).

    >>> may_go_on_without(date(2026, 3, 13), date(2026, 3, 13))
    False
    """
    return calendar.expired(due, today)


@dataclass(frozen=True)
class AdviceFacts:
    """What the gate needs to know of one advice asked on an act."""

    kind: str
    status: str
    due: date
    adviser_title: str = ""


@dataclass(frozen=True)
class Missing:
    """Why the act may not go before its deciding body yet.

    ``code`` is "not_asked" (the compulsory advice was never asked) or
    "pending" (asked, neither given nor past its last day ``due``).
    """

    code: str
    kind: str
    due: date | None = None
    adviser_title: str = ""


def missing_advice(financial_impact, advices: list[AdviceFacts], today: date) -> list[Missing]:
    """Every advice that still holds the act back, in the order they were asked.

    >>> missing_advice(Decimal("30000"), [], date(2026, 3, 2))
    [Missing(code='not_asked', kind='financial_director', due=None, adviser_title='')]
    """
    missing = []
    asked_df = any(advice.kind == FINANCIAL_DIRECTOR for advice in advices)
    if advice_required(financial_impact) and not asked_df:
        missing.append(Missing("not_asked", FINANCIAL_DIRECTOR))
    for advice in advices:
        if advice.status == ASKED and not may_go_on_without(advice.due, today):
            missing.append(Missing("pending", advice.kind, advice.due, advice.adviser_title))
    return missing


def check_sense(sense: str, text: str) -> None:
    """Refuse an unknown sense, and remarks or reasons left empty.

    >>> check_sense("unfavourable", " ")
    Traceback (most recent call last):
    ...
    ValueError: text_required
    """
    if sense not in SENSES:
        raise ValueError("unknown_sense")
    if sense in SENSES_NEEDING_TEXT and not (text or "").strip():
        raise ValueError("text_required")


def recital(
    kind: str,
    adviser_title: str,
    sense: str | None,
    given_on: date | None,
    due: date,
    extended_on: date | None = None,
) -> str:
    """The « Vu » line of the deliberation for one advice (French, Belgian dates).
    An extended delay is named: the deliberation shows the advice came, or was
    passed over, only after the extension the adviser asked for.

    >>> recital("financial_director", "du directeur financier", "favourable",
    ...         date(2026, 3, 9), date(2026, 3, 13))
    "Vu l'avis de légalité favorable du directeur financier rendu le 09/03/2026;"
    >>> recital("financial_director", "du directeur financier", None, None,
    ...         date(2026, 3, 27), extended_on=date(2026, 3, 12)).split("délai ")[1]
    'prorogé le 12/03/2026 et expiré le 27/03/2026;'
    """
    what = "l'avis de légalité" if kind == FINANCIAL_DIRECTOR else "l'avis"
    if sense is None or given_on is None:
        delay = f"prorogé le {extended_on:%d/%m/%Y} et " if extended_on else ""
        return (
            f"Vu la demande d'avis {adviser_title}, restée sans réponse dans le délai "
            f"{delay}expiré le {due:%d/%m/%Y};"
        )
    after = f", après prorogation du délai le {extended_on:%d/%m/%Y}" if extended_on else ""
    return f"Vu {what} {SENSE_WORDS_FR[sense]} {adviser_title} rendu le {given_on:%d/%m/%Y}{after};"
