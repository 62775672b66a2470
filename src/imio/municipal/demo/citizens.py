"""Fictitious citizens of the local OpenID Connect provider (demo and tests).

Their national register numbers are valid by their check digits only.
Printed as the provider's ``--user-claims`` options by ``make run``.
"""

import json


CITIZENS = (
    {
        "sub": "marie.lambert",
        "national_register_number": "78051212326",
        "given_name": "Marie",
        "family_name": "Lambert",
        "name": "Marie Lambert",
        "email": "marie.lambert@example.be",
    },
    {
        "sub": "luc.renard",
        "national_register_number": "90021404581",
        "given_name": "Luc",
        "family_name": "Renard",
        "name": "Luc Renard",
        "email": "luc.renard@example.be",
    },
)


def provider_claims() -> list[tuple[str, dict]]:
    """(subject, claims) of each demo citizen."""
    return [
        (citizen["sub"], {key: value for key, value in citizen.items() if key != "sub"})
        for citizen in CITIZENS
    ]


if __name__ == "__main__":
    for citizen in CITIZENS:
        print(json.dumps(citizen))
