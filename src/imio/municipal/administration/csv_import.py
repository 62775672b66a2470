"""Read and check a CSV file of users to import (Plone-free).

Columns: login, name, e-mail, service, function (French headers accepted:
identifiant, nom, courriel, service, fonction), separated by ``;`` or ``,``.
Each refused line is reported with its line number in the file and the
reason; the Plone side adds the refusals only it can see (a login of another
municipality, a platform role) and imports nothing while any line is refused.

>>> plan = parse_users("login;name;email;service;function\\n"
...                    "jdupont;Jean Dupont;jd@namur.be;travaux;agent\\n"
...                    "x;;nope;;maire\\n", {"travaux": "Travaux"})
>>> [(row.line, row.login, row.function) for row in plan.rows]
[(2, 'jdupont', 'agent')]
>>> [line for line, _reason in plan.refused]
[3]
"""

from dataclasses import dataclass
from dataclasses import field
from imio.municipal import _
from imio.municipal.administration import functions
from imio.municipal.administration.refusals import PeopleInputRefused

import csv
import io
import re


MAX_LINES = 2000
LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")
EMAIL_PATTERN = re.compile(r"^[^@\s;,<>\"]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
HEADERS = {
    "login": "login",
    "identifiant": "login",
    "name": "name",
    "nom": "name",
    "email": "email",
    "e-mail": "email",
    "courriel": "email",
    "service": "service",
    "function": "function",
    "fonction": "function",
}
COLUMNS = ("login", "name", "email", "service", "function")


@dataclass(frozen=True)
class UserRow:
    line: int
    login: str
    name: str
    email: str
    service: str
    function: str


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    # (line number, reason message)
    refused: list = field(default_factory=list)

    def refuse(self, line: int, reason) -> None:
        self.refused.append((line, reason))
        self.refused.sort(key=lambda item: item[0])


def check_login(login: str) -> str:
    """A login: 3 to 50 lower-case letters, digits, dots, dashes, underscores."""
    login = (login or "").strip()
    if not LOGIN_PATTERN.match(login):
        raise PeopleInputRefused(
            _(
                "error_bad_login",
                default='The login "${value}" is not valid: 3 to 50 lower-case letters, '
                "digits, dots, dashes or underscores.",
                mapping={"value": login[:60]},
            )
        )
    return login


def check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise PeopleInputRefused(
            _("error_bad_fullname", default="A name of 1 to 100 characters is needed.")
        )
    return name


def check_email(email: str) -> str:
    email = (email or "").strip()
    if not EMAIL_PATTERN.match(email) or len(email) > 254:
        raise PeopleInputRefused(
            _(
                "error_bad_email",
                default='The e-mail address "${value}" is not valid.',
                mapping={"value": email[:80]},
            )
        )
    return email


def _text(data) -> str:
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")
    return data or ""


def _columns(header: list) -> dict:
    """Column index of each expected column, from the header row."""
    found = {}
    for index, title in enumerate(header):
        column = HEADERS.get(title.strip().lower())
        if column and column not in found:
            found[column] = index
    missing = [column for column in COLUMNS if column not in found]
    if missing:
        raise PeopleInputRefused(
            _(
                "error_csv_header",
                default="The first line must name the columns login, name, email, service "
                "and function; missing: ${columns}.",
                mapping={"columns": ", ".join(missing)},
            )
        )
    return found


def parse_users(data, services: dict) -> ImportPlan:
    """The rows of ``data`` that may be imported and the refused lines.

    ``services`` maps the municipality's service ids to their titles; a
    service may be written by its id or its title. A file whose header is
    wrong or that is too long is refused whole (PeopleInputRefused).
    """
    text = _text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PeopleInputRefused(_("error_csv_empty", default="The file is empty."))
    if len(lines) > MAX_LINES + 1:
        raise PeopleInputRefused(
            _(
                "error_csv_too_long",
                default="At most ${max} users at once.",
                mapping={"max": str(MAX_LINES)},
            )
        )
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = _columns(next(reader))
    by_title = {title.strip().lower(): service_id for service_id, title in services.items()}
    plan = ImportPlan()
    seen = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        value = {c: (cells[i] if i < len(cells) else "").strip() for c, i in columns.items()}
        service = value["service"]
        service = service if service in services else by_title.get(service.lower(), service)
        try:
            login = check_login(value["login"])
            row = UserRow(
                line=line,
                login=login,
                name=check_name(value["name"]),
                email=check_email(value["email"]),
                service=service,
                function=functions.function_from(value["function"]),
            )
            functions.check_function(row.function, row.service, services)
        except PeopleInputRefused as refusal:
            plan.refuse(line, refusal.reason())
            continue
        if login in seen:
            plan.refuse(
                line,
                _(
                    "error_csv_duplicate_login",
                    default="The login ${login} is already on line ${line}.",
                    mapping={"login": login, "line": str(seen[login])},
                ),
            )
            continue
        seen[login] = line
        plan.rows.append(row)
    return plan
