"""What an onboarding request must be, and reading many from a CSV file
(Plone-free).

A request names one Walloon municipality (INS code), its BCE/KBO number, the
service template it starts with and its first directeur général (login, full
name, e-mail). Every problem found is a :class:`Reason` (a code and the
values to show): the Plone side turns the codes into translated sentences.

>>> text = "ins_code;bce_number;dg_login;dg_fullname;dg_email;template\\n"
>>> text += "63023;0207.344.329;eupen-dg;Anna Schmitz;dg@eupen.be;standard\\n"
>>> lines, refused = parse_csv(text)
>>> lines[0].number, lines[0].request.ins_code, refused
(2, '63023', [])
"""

from dataclasses import dataclass
from dataclasses import field
from imio.municipal.administration import municipalities_table
from stdnum.be import vat as enterprise_number
from stdnum.exceptions import ValidationError as StdnumValidationError

import csv
import io
import re


COLUMNS = ("ins_code", "bce_number", "dg_login", "dg_fullname", "dg_email", "template")
MAX_LINES = 1000
MAX_CELL = 200
LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")
# A practical check (one @, a dot in the domain, no spaces): the mail server
# has the last word, and the DG confirms by setting his password.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Reason:
    """Why a request is refused: a code and the values the sentence shows."""

    code: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class OnboardingRequest:
    ins_code: str
    bce_number: str
    template: str
    dg_login: str
    dg_fullname: str
    dg_email: str

    @classmethod
    def from_mapping(cls, data: dict) -> "OnboardingRequest":
        """Stripped texts from a mapping (a CSV row, a JSON body, a form)."""
        return cls(**{name: str(data.get(name) or "").strip() for name in COLUMNS})


@dataclass(frozen=True)
class ParsedLine:
    number: int
    request: OnboardingRequest


def check_request(request: OnboardingRequest) -> list[Reason]:
    """Every problem of a request on its own (the platform is not asked)."""
    reasons = []
    for name in COLUMNS:
        value = getattr(request, name)
        if not value:
            reasons.append(Reason("missing", {"field": name}))
        elif len(value) > MAX_CELL:
            reasons.append(Reason("too_long", {"field": name, "max": MAX_CELL}))
    if request.ins_code and municipalities_table.lookup(request.ins_code) is None:
        reasons.append(Reason("ins_unknown", {"value": request.ins_code}))
    if request.bce_number:
        try:
            enterprise_number.validate(request.bce_number)
        except StdnumValidationError:
            reasons.append(Reason("bce_invalid", {"value": request.bce_number}))
    if request.template and request.template not in municipalities_table.service_templates():
        known = ", ".join(sorted(municipalities_table.service_templates()))
        reasons.append(Reason("template_unknown", {"value": request.template, "known": known}))
    if request.dg_login and not LOGIN_PATTERN.match(request.dg_login):
        reasons.append(Reason("login_invalid", {"value": request.dg_login}))
    if request.dg_email and not EMAIL_PATTERN.match(request.dg_email):
        reasons.append(Reason("email_invalid", {"value": request.dg_email}))
    return reasons


def _dialect(header_line: str) -> str:
    # Spreadsheets in Belgium save CSV with semicolons.
    return ";" if header_line.count(";") > header_line.count(",") else ","


def parse_csv(text: str) -> tuple[list[ParsedLine], list[tuple[int, list[Reason]]]]:
    """The valid lines of an onboarding file and the refused ones with their
    line number (the header is line 1) and reasons. A file without the
    expected columns refuses its line 1 and nothing else is read."""
    text = text.lstrip("\ufeff")
    header_line = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(header_line))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return [], [(1, [Reason("columns_missing", {"columns": ", ".join(missing)})])]
    reader.fieldnames = header
    lines, refused = [], []
    seen_ins, seen_login = {}, {}
    for row in reader:
        number = reader.line_num
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # an empty line of a spreadsheet
        if number > MAX_LINES + 1:
            refused.append((number, [Reason("too_many_lines", {"max": MAX_LINES})]))
            break
        request = OnboardingRequest.from_mapping(row)
        reasons = check_request(request)
        if request.ins_code in seen_ins:
            reasons.append(
                Reason("ins_twice", {"value": request.ins_code, "line": seen_ins[request.ins_code]})
            )
        if request.dg_login in seen_login:
            reasons.append(
                Reason(
                    "login_twice", {"value": request.dg_login, "line": seen_login[request.dg_login]}
                )
            )
        seen_ins.setdefault(request.ins_code, number)
        seen_login.setdefault(request.dg_login, number)
        if reasons:
            refused.append((number, reasons))
        else:
            lines.append(ParsedLine(number, request))
    return lines, refused
