"""Demo data a municipality publishes about itself: the public contact
points of the municipality and of its services (never masked in acts) and
where it is (centroid and bounding box, for open-data portals).

Contact points are demo values. Centroids and boxes are the real ones,
approximate (to about a kilometre, WGS 84) and rounded by hand: a real
municipality computes its own from the official municipal boundaries
(Statbel's municipalities, or the Walloon geoportal's administrative limits).
"""

PROFILES = {
    "namur": {
        "phone": "081 24 60 11",
        "centroid": "50.4600, 4.8650",
        "bbox": "50.3850, 4.7350; 50.5300, 4.9950",
        "services": {
            "secretariat": ("secretariat@ville.namur.be", "081 24 60 12"),
            "urbanisme": ("urbanisme@ville.namur.be", "081 24 63 90"),
            "travaux": ("travaux@ville.namur.be", "081 24 63 50"),
            "finances": ("finances@ville.namur.be", "081 24 61 20"),
        },
    },
    "gembloux": {
        "phone": "081 62 63 00",
        "centroid": "50.5510, 4.7120",
        "bbox": "50.4900, 4.6300; 50.6100, 4.8000",
        "services": {
            "secretariat": ("secretariat@gembloux.be", "081 62 63 01"),
            "urbanisme": ("urbanisme@gembloux.be", "081 62 63 40"),
            "travaux": ("travaux@gembloux.be", "081 62 63 60"),
            "finances": ("finances@gembloux.be", "081 62 63 20"),
        },
    },
}


def complete_public_profiles(portal) -> None:
    """Give the demo municipalities their contact points and place (idempotent)."""
    for slug, profile in PROFILES.items():
        municipality = portal.get(slug)
        if municipality is None:
            continue
        municipality.phone = profile["phone"]
        municipality.centroid = profile["centroid"]
        municipality.bbox = profile["bbox"]
        services = []
        for row in municipality.services or []:
            email, phone = profile["services"].get(row["id"], ("", ""))
            services.append({**row, "email": row.get("email") or email,
                             "phone": row.get("phone") or phone})  # fmt: skip
        municipality.services = services
        municipality.reindexObject()
