"""What the secretariat sees of its people, its services, and the CSV import."""

from imio.municipal import _
from imio.municipal.administration import accounts
from imio.municipal.administration import csv_import
from imio.municipal.administration import functions
from imio.municipal.administration import log
from imio.municipal.administration import scope
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.platform import naming
from imio.municipal.platform.groups import sync_municipality_groups
from imio.municipal.platform.groups import users_of_group
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.platform.validators import validate_services
from plone import api

import transaction


def _person(municipality, user, disabled: bool) -> dict:
    ins_code = municipality.ins_code
    groups = scope.municipal_groups(user)
    held = sorted(
        (found for group in groups if (found := functions.function_of_group(ins_code, group))),
        key=lambda item: (functions.FUNCTIONS.index(item[0]), item[1] or ""),
    )
    return {
        "login": user.getUserName(),
        "id": user.getId(),
        "fullname": user.getProperty("fullname") or "",
        "email": user.getProperty("email") or "",
        "secretariat": naming.secretaries_group(ins_code) in groups,
        "functions": [{"function": f, "service": s} for f, s in held],
        "disabled": disabled,
        "shared": bool(scope.other_municipalities(user, ins_code)),
    }


def people(municipality) -> list[dict]:
    """The municipality's people, by name; never a platform account."""
    found = {}
    for user in users_of_group(naming.staff_group(municipality.ins_code)):
        if not scope.has_platform_role(user):
            found[user.getId()] = _person(municipality, user, disabled=False)
    for user_id in scope.disabled_records(municipality):
        user = api.user.get(userid=user_id)
        if user is not None and not scope.has_platform_role(user):
            found[user_id] = _person(municipality, user, disabled=True)
    return sorted(found.values(), key=lambda row: (row["fullname"].lower(), row["login"]))


def save_services(municipality, rows: list[dict]) -> list[str]:
    """New services table (id, title; other columns kept); the groups follow.

    Returns the groups of removed services kept because they still have members.
    """
    current = {row["id"]: dict(row) for row in (municipality.services or [])}
    new_rows = []
    for row in rows or []:
        service_id = (row.get("id") or "").strip()
        title = " ".join((row.get("title") or "").split())
        if not title:
            raise PeopleInputRefused(
                _("error_service_title", default="Every service needs a title.")
            )
        merged = dict(current.get(service_id, {}), id=service_id, title=title)
        new_rows.append(merged)
    try:
        validate_services(new_rows)
    except MunicipalValidationError as error:
        raise PeopleInputRefused(error.message) from error
    before = {sid: row["title"] for sid, row in current.items()}
    after = {row["id"]: row["title"] for row in new_rows}
    if before == after and list(before) == list(after):
        return []
    municipality.services = new_rows
    municipality.reindexObject()
    kept = sync_municipality_groups(municipality)
    changes = [f"+{sid} {after[sid]}" for sid in after if sid not in before]
    changes += [f"-{sid}" for sid in before if sid not in after]
    changes += [
        f"{sid}: {after[sid]}" for sid in after if sid in before and before[sid] != after[sid]
    ]
    log.record(municipality, "services", "services", "; ".join(changes))
    return kept


def import_users(municipality, data, dry_run: bool = True) -> dict:
    """Read a CSV file of users; create them all unless dry run or any line refused.

    The answer lists the rows to create and the refused lines (line number and
    reason); nothing is created while any line is refused.
    """
    plan = csv_import.parse_users(data, municipality.service_titles)
    for row in plan.rows:
        reason = accounts.refusal_if_taken(row.login)
        if reason is not None:
            plan.refuse(row.line, reason)
    refused_lines = {line for line, _reason in plan.refused}
    rows = [row for row in plan.rows if row.line not in refused_lines]
    created = []
    if not dry_run and not plan.refused:
        savepoint = transaction.savepoint()
        try:
            for row in rows:
                grants = [(row.function, row.service or None)]
                accounts.create_user(municipality, row.login, row.name, row.email, grants)
                created.append(row.login)
        except Exception:
            savepoint.rollback()
            raise
    return {
        "dry_run": dry_run,
        "rows": [
            {
                "line": r.line,
                "login": r.login,
                "name": r.name,
                "email": r.email,
                "service": r.service,
                "function": r.function,
            }
            for r in rows
        ],
        "refused": [{"line": line, "reason": reason} for line, reason in plan.refused],
        "created": created,
    }
