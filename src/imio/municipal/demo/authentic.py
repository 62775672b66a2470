"""Demo authorisations to consult the authentic sources (BCED simulator).

Namur holds both; Gembloux only the urbanism one, so that the demo shows the
refusal of a lookup a municipality is not authorised for. The references are
made up.
"""

from imio.municipal.authentic.authorisations import authorise


DEMO_AUTHORISATIONS = {
    "namur": {
        "urbanism-permit": "CSI/SSG 21/042 (démo)",
        "environment-permit": "CSI/SSG 21/043 (démo)",
    },
    "gembloux": {"urbanism-permit": "CSI/SSG 22/118 (démo)"},
}


def create_demo_authorisations(portal) -> None:
    for municipality_id, granted in DEMO_AUTHORISATIONS.items():
        for purpose_id, reference in granted.items():
            authorise(portal[municipality_id], purpose_id, reference)
