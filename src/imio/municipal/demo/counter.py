"""Demo e-counter: what Namur and Gembloux offer online."""

from imio.municipal.counter.catalogue import default_catalogue_data
from imio.municipal.counter.offers import set_catalogue

import copy


# Gembloux does not take class 3 declarations online (a municipality's choice).
NOT_OFFERED = {"gembloux": {"declaration-classe-3"}}


def create_demo_counter(portal) -> None:
    for municipality_id in ("namur", "gembloux"):
        data = copy.deepcopy(default_catalogue_data())
        skipped = NOT_OFFERED.get(municipality_id, set())
        data["requests"] = [item for item in data["requests"] if item["id"] not in skipped]
        set_catalogue(portal[municipality_id], data)
