"""Who a citizen is (Plone-free): a namespaced account id and a checked NISS.

A person without a national register number (a foreigner registered in the
Crossroads Bank's BIS register) arrives with a BIS number instead: it is
accepted wherever a NISS is, with its own check (the month plus 20 or 40).

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
>>> national_number({"national_register_number": "98.47.28-997.65"})
'98472899765'
>>> compact_identity_number("98472899766") is None
True
"""

from hashlib import sha256
from stdnum.be import bis
from stdnum.be import nn
from stdnum.exceptions import ValidationError


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


def compact_identity_number(value) -> str | None:
    """The 11 digits of a valid NISS or BIS number, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    for module in (nn, bis):
        try:
            return module.validate(value)
        except ValidationError:
            continue
    return None


def national_number(claims) -> str | None:
    """The valid national register (or BIS) number of the claims, compact, or None."""
    return compact_identity_number(claims.get(NISS_CLAIM))


def citizen_roles(roles) -> list[str]:
    """Keep only the citizen's roles: never a staff role, however granted."""
    return [role for role in roles if role in CITIZEN_ROLES]
