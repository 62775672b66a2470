"""Rules of the manifests that an XSD 1.0 cannot express (Plone-free).

Each function takes the parsed manifest and returns readable sentences, each
starting with the line of the element concerned. They run after the XSD, on
a manifest that may be broken: a value the XSD already refused is skipped.

e-Tutelle 1.0:

- at least one file has the role "deliberation";
- the body in the act number is the ``body`` element (2026/conseil/12: conseil);
- votes for + against + abstentions do not exceed the members present, and a
  unanimous vote has no vote against.

PIC 1.0 (the computation of :mod:`imio.municipal.pic.rules`):

- a period ends after it starts;
- per investment: the eligible amount does not exceed the estimate incl. VAT
  minus the SPGE share; an SPGE share only for sewers; subsidy = eligible
  amount x rate / 100 rounded half up to the cent; municipal share =
  estimate incl. VAT - SPGE share - subsidy;
- the totals are the sums of the investments.
"""

from decimal import Decimal
from decimal import InvalidOperation
from decimal import ROUND_HALF_UP
from lxml import etree

import re


ETUTELLE_NS = "urn:imio:municipal:etutelle:1.0"
PIC_NS = "urn:imio:municipal:pic:1.0"
_CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^\d+\.\d{2}$")


def _line(element: etree._Element | None) -> int:
    return element.sourceline if element is not None and element.sourceline else 1


def _int(element: etree._Element | None) -> int | None:
    text = (element.text or "").strip() if element is not None else ""
    return int(text) if text.isdigit() else None


def etutelle_rules(root: etree._Element) -> list[str]:
    """The rules of e-Tutelle 1.0 beyond its XSD."""
    if root.tag != f"{{{ETUTELLE_NS}}}submission":
        return []
    ns = {"e": ETUTELLE_NS}
    errors: list[str] = []
    files = root.find("e:files", ns)
    roles = [(role.text or "").strip() for role in root.iterfind("e:files/e:file/e:role", ns)]
    if files is not None and "deliberation" not in roles:
        errors.append(
            f"Line {_line(files)}, list of files (files): there is no deliberation; add the "
            'signed act as a file with the role "deliberation".'
        )
    number = root.find("e:act/e:number", ns)
    body = root.find("e:act/e:body", ns)
    if number is not None and body is not None:
        parts = (number.text or "").strip().split("/")
        body_code = (body.text or "").strip()
        if len(parts) == 3 and parts[1] != body_code:
            errors.append(
                f"Line {_line(number)}, act number (number): {number.text.strip()} is a "
                f'number of the {parts[1]}, but the body is "{body_code}".'
            )
    vote = root.find("e:act/e:vote", ns)
    if vote is not None:
        present = _int(vote.find("e:membersPresent", ns))
        counts = [_int(vote.find(f"e:{name}", ns)) for name in ("for", "against", "abstention")]
        if present is not None and None not in counts and sum(counts) > present:
            errors.append(
                f"Line {_line(vote)}, vote: {counts[0]} for, {counts[1]} against and "
                f"{counts[2]} abstentions make {sum(counts)} votes, more than the "
                f"{present} members present."
            )
        unanimity = vote.find("e:unanimity", ns)
        if unanimity is not None and (unanimity.text or "").strip() in ("true", "1"):
            if counts[1]:
                errors.append(
                    f"Line {_line(unanimity)}, vote: the vote is unanimous but has "
                    f"{counts[1]} votes against."
                )
    return errors


def _amount(element: etree._Element | None) -> Decimal | None:
    text = (element.text or "").strip() if element is not None else ""
    if not _AMOUNT.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None


def _euros(value: Decimal) -> str:
    return format(value, "f")


def pic_rules(root: etree._Element) -> list[str]:
    """The rules of PIC 1.0 beyond its XSD."""
    if root.tag != f"{{{PIC_NS}}}plan":
        return []
    ns = {"p": PIC_NS}
    errors: list[str] = []
    period = root.find("p:plan/p:period", ns)
    if period is not None and re.fullmatch(r"\d{4}-\d{4}", (period.text or "").strip()):
        first, last = (int(year) for year in period.text.strip().split("-"))
        if last < first:
            errors.append(
                f"Line {_line(period)}, programming period (period): {period.text.strip()} "
                "ends before it starts."
            )
    sums = {"estimates": Decimal(0), "eligible": Decimal(0), "subsidies": Decimal(0)}
    sums["municipalShare"] = Decimal(0)
    complete = True
    for position, item in enumerate(root.iterfind("p:investments/p:investment", ns), start=1):
        where = f"Line {_line(item)}, investment {position}"
        category = (item.findtext("p:category", "", ns) or "").strip()
        values = {
            name: _amount(item.find(f"p:{name}", ns))
            for name in (
                "estimateInclVat",
                "spgeShare",
                "eligibleAmount",
                "subsidyRate",
                "subsidy",
                "municipalShare",
            )
        }
        if None in values.values():
            complete = False
            continue
        estimate, spge = values["estimateInclVat"], values["spgeShare"]
        eligible, rate = values["eligibleAmount"], values["subsidyRate"]
        subsidy, share = values["subsidy"], values["municipalShare"]
        if spge and category != "sewers":
            errors.append(
                f"{where}: an SPGE share ({_euros(spge)}) exists only for sewer works "
                f'(category "sewers"), not for "{category}".'
            )
        if eligible > estimate - spge:
            errors.append(
                f"{where}: the eligible amount ({_euros(eligible)}) exceeds the estimate incl. "
                f"VAT minus the SPGE share ({_euros(estimate - spge)})."
            )
        expected = (eligible * rate / 100).quantize(_CENT, rounding=ROUND_HALF_UP)
        if subsidy != expected:
            errors.append(
                f"{where}: the subsidy is {_euros(subsidy)}, but {_euros(eligible)} x "
                f"{_euros(rate)} % makes {_euros(expected)}."
            )
        if share != estimate - spge - subsidy:
            errors.append(
                f"{where}: the municipal share is {_euros(share)}, but the estimate minus the "
                f"SPGE share and the subsidy makes {_euros(estimate - spge - subsidy)}."
            )
        sums["estimates"] += estimate
        sums["eligible"] += eligible
        sums["subsidies"] += subsidy
        sums["municipalShare"] += share
    totals = root.find("p:totals", ns)
    if totals is None or not complete:
        return errors
    labels = {
        "estimates": "total of the estimates",
        "eligible": "total eligible amount",
        "subsidies": "total of the subsidies",
        "municipalShare": "total municipal share",
    }
    for name, expected in sums.items():
        element = totals.find(f"p:{name}", ns)
        actual = _amount(element)
        if actual is not None and actual != expected:
            errors.append(
                f"Line {_line(element)}, {labels[name]} ({name}): {_euros(actual)}, but the "
                f"investments add up to {_euros(expected)}."
            )
    return errors
