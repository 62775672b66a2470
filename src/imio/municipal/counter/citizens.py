"""Who a citizen is (Plone-free): a namespaced account id and a checked NISS.

A provider's subject is hashed into ``citizen-<hex>``: whatever the provider
says, the id can never equal a staff login, and it only holds [0-9a-f].

>>> citizen_id("namur-secretaire").startswith(CITIZEN_PREFIX)
True
>>> citizen_id("a") == citizen_id("a") != citizen_id("b")
True
>>> national_number({"national_register_number": "85.07.30-033.28"})
'85073003328'
>>> national_number({"national_register_number": "85073003329"}) is None
True
"""

from hashlib import sha256
from stdnum.be import nn


CITIZEN_PREFIX = "citizen-"
# The claim carrying the national register number (configured at the provider).
NISS_CLAIM = "national_register_number"
# The only roles a citizen account may ever use, whatever is granted to it.
CITIZEN_ROLE = "Citizen"
CITIZEN_ROLES = frozenset({"Authenticated", CITIZEN_ROLE})
CITIZENS_GROUP = "citizens"


def citizen_id(subject: str) -> str:
    return CITIZEN_PREFIX + sha256(subject.encode("utf-8")).hexdigest()[:32]


def is_citizen_id(user_id: str | None) -> bool:
    return bool(user_id) and user_id.startswith(CITIZEN_PREFIX)


def national_number(claims) -> str | None:
    """The valid national register number of the claims, compact, or None."""
    value = claims.get(NISS_CLAIM)
    if not isinstance(value, str):
        return None
    try:
        return nn.validate(value)
    except Exception:  # stdnum raises several ValidationError subclasses
        return None


def citizen_roles(roles) -> list[str]:
    """Keep only the citizen's roles: never a staff role, however granted."""
    return [role for role in roles if role in CITIZEN_ROLES]
