"""The functions the secretariat gives its people, as group memberships (Plone-free).

A function is a group of the municipality (see platform.naming): an agent or
a head of service belongs to the service's editors or reviewers group; the
college, the directeur financier and the DPO have one group each.
"""

from imio.municipal import _
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.platform import naming


AGENT = "agent"
HEAD = "head"
COLLEGE = "college"
FINANCIAL_DIRECTOR = "financial_director"
DPO = "dpo"

SERVICE_FUNCTIONS = (AGENT, HEAD)
MUNICIPAL_FUNCTIONS = (COLLEGE, FINANCIAL_DIRECTOR, DPO)
FUNCTIONS = SERVICE_FUNCTIONS + MUNICIPAL_FUNCTIONS

# What a CSV file or a form may say, in French or English, lower-cased.
ALIASES = {
    "agent": AGENT,
    "head": HEAD,
    "chef": HEAD,
    "chef de service": HEAD,
    "head of service": HEAD,
    "college": COLLEGE,
    "collège": COLLEGE,
    "collège communal": COLLEGE,
    "financial_director": FINANCIAL_DIRECTOR,
    "directeur financier": FINANCIAL_DIRECTOR,
    "directrice financière": FINANCIAL_DIRECTOR,
    "financial director": FINANCIAL_DIRECTOR,
    "dpo": DPO,
    "délégué à la protection des données": DPO,
}

FUNCTION_TITLES = {
    AGENT: _("function_agent", default="Agent"),
    HEAD: _("function_head", default="Head of service"),
    COLLEGE: _("function_college", default="College member"),
    FINANCIAL_DIRECTOR: _("function_financial_director", default="Financial director"),
    DPO: _("function_dpo", default="Data protection officer"),
}


def function_from(text: str) -> str:
    """The function id a word names.

    >>> function_from(" Chef de service ")
    'head'
    """
    function = ALIASES.get((text or "").strip().lower())
    if function is None:
        raise PeopleInputRefused(
            _(
                "error_unknown_function",
                default='Unknown function "${value}": agent, chef de service, collège, '
                "directeur financier or dpo.",
                mapping={"value": (text or "").strip()[:60]},
            )
        )
    return function


def check_function(function: str, service: str, services: dict) -> None:
    """A service function needs one of ``services`` (id → title); the others none."""
    if function in SERVICE_FUNCTIONS:
        if not service:
            raise PeopleInputRefused(
                _(
                    "error_function_needs_service",
                    default="An agent or a head of service needs a service.",
                )
            )
        if service not in services:
            raise PeopleInputRefused(
                _(
                    "error_unknown_service",
                    default='Unknown service "${value}".',
                    mapping={"value": service[:60]},
                )
            )
    elif service:
        raise PeopleInputRefused(
            _(
                "error_function_without_service",
                default="This function belongs to no service: leave the service empty.",
            )
        )


def group_of(ins_code: str, function: str, service: str | None = None) -> str:
    """The group that gives this function.

    >>> group_of("92094", "head", "travaux")
    '92094_travaux_reviewers'
    >>> group_of("92094", "dpo")
    '92094_dpo'
    """
    if function == AGENT:
        return naming.editors_group(ins_code, service)
    if function == HEAD:
        return naming.reviewers_group(ins_code, service)
    return {
        COLLEGE: naming.college_group,
        FINANCIAL_DIRECTOR: naming.financial_director_group,
        DPO: naming.dpo_group,
    }[function](ins_code)


def function_of_group(ins_code: str, group_id: str) -> tuple[str, str | None] | None:
    """(function, service) given by a group of this municipality, else None.

    >>> function_of_group("92094", "92094_travaux_editors")
    ('agent', 'travaux')
    >>> function_of_group("92094", "92094_secretaries") is None
    True
    """
    service = naming.service_of_group(ins_code, group_id)
    if service is not None:
        return (AGENT if group_id.endswith("_editors") else HEAD), service
    for function in MUNICIPAL_FUNCTIONS:
        if group_id == group_of(ins_code, function):
            return function, None
    return None


def ins_of_group(group_id: str) -> str | None:
    """The INS code a municipal group id starts with (five digits), else None.

    >>> ins_of_group("63023_staff"), ins_of_group("Administrators")
    ('63023', None)
    """
    head, _sep, _rest = group_id.partition("_")
    return head if len(head) == 5 and head.isdigit() and _sep else None
