"""Names of the Plone groups of a municipality (Plone-free).

Group ids embed the INS code, which is why the INS code of a municipality
cannot change after creation.
"""

from dataclasses import dataclass

import re


SERVICE_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]{0,29}$")


@dataclass(frozen=True)
class GroupSpec:
    """A group a municipality needs: its id, French title and what it is for."""

    id: str
    title: str
    # The group this one is nested in: its members inherit that group's roles.
    parent: str | None = None
    service: str | None = None


def staff_group(ins_code: str) -> str:
    return f"{ins_code}_staff"


def secretaries_group(ins_code: str) -> str:
    return f"{ins_code}_secretaries"


def college_group(ins_code: str) -> str:
    return f"{ins_code}_college"


def financial_director_group(ins_code: str) -> str:
    """The directeur financier (and his substitute): asked for advice on acts."""
    return f"{ins_code}_financial_director"


def dpo_group(ins_code: str) -> str:
    """The data-protection officer: the access journal and data-subject requests."""
    return f"{ins_code}_dpo"


def editors_group(ins_code: str, service_id: str) -> str:
    return f"{ins_code}_{service_id}_editors"


def reviewers_group(ins_code: str, service_id: str) -> str:
    return f"{ins_code}_{service_id}_reviewers"


def service_groups(ins_code: str, service_id: str) -> tuple[str, str]:
    """The editors and reviewers groups of one service."""
    return editors_group(ins_code, service_id), reviewers_group(ins_code, service_id)


def municipality_groups(
    ins_code: str, municipality_title: str, services: list[dict]
) -> list[GroupSpec]:
    """Every group a municipality with these services needs.

    Every other group is nested in ``{ins}_staff``, so that membership of
    any function group makes a user municipal staff.

    >>> services = [{"id": "travaux", "title": "Travaux"}]
    >>> [g.id for g in municipality_groups("92094", "Namur", services)][2:4]
    ['92094_college', '92094_financial_director']
    """
    staff = staff_group(ins_code)
    specs = [
        GroupSpec(staff, f"{municipality_title} : personnel"),
        GroupSpec(
            secretaries_group(ins_code),
            f"{municipality_title} : secrétariat communal",
            parent=staff,
        ),
        GroupSpec(
            college_group(ins_code),
            f"{municipality_title} : collège communal",
            parent=staff,
        ),
        GroupSpec(
            financial_director_group(ins_code),
            f"{municipality_title} : directeur financier",
            parent=staff,
        ),
        GroupSpec(
            dpo_group(ins_code),
            f"{municipality_title} : délégué à la protection des données",
            parent=staff,
        ),
    ]
    for service in services:
        editors, reviewers = service_groups(ins_code, service["id"])
        label = f"{municipality_title} : {service['title']}"
        specs.append(GroupSpec(editors, f"{label} (agents)", staff, service["id"]))
        specs.append(GroupSpec(reviewers, f"{label} (chefs de service)", staff, service["id"]))
    return specs


def service_of_group(ins_code: str, group_id: str) -> str | None:
    """The service id of a service group of this municipality, else None.

    >>> service_of_group("92094", "92094_travaux_editors")
    'travaux'
    """
    prefix = f"{ins_code}_"
    for suffix in ("_editors", "_reviewers"):
        if group_id.startswith(prefix) and group_id.endswith(suffix):
            service = group_id[len(prefix) : -len(suffix)]
            if SERVICE_ID_PATTERN.match(service):
                return service
    return None
