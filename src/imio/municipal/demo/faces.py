"""Demo identities of the municipalities: drawn logos (not their real coats of
arms) and colours that carry white text (checked like any colour entered)."""

from imio.municipal.face.behavior import validate_colour
from plone.namedfile.file import NamedBlobImage


FACES = {
    "namur": {"primary": "#8a1c2b", "secondary": "#3b2f2f", "field": "#f2c14e", "initial": "N"},
    "gembloux": {"primary": "#1f5c3a", "secondary": "#263a52", "field": "#e8e2c8", "initial": "G"},
}


def shield_svg(name: str, primary: str, field: str, initial: str) -> bytes:
    """A plain heraldic-looking shield: a field, a chief in the main colour, an initial."""
    parts = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120" width="100" height="120"'
        f' role="img" aria-label="{name}">',
        '<path d="M5 5 H95 V60 C95 92 70 108 50 116 C30 108 5 92 5 60 Z"'
        f' fill="{field}" stroke="{primary}" stroke-width="5"/>',
        f'<path d="M5 5 H95 V38 H5 Z" fill="{primary}"/>',
        *(f'<circle cx="{x}" cy="21" r="6" fill="{field}"/>' for x in (30, 50, 70)),
        '<text x="50" y="92" font-family="Georgia, serif" font-size="44" font-weight="bold"'
        f' text-anchor="middle" fill="{primary}">{initial}</text>',
        "</svg>",
    )
    return "\n".join(parts).encode()


def create_demo_faces(portal) -> None:
    """Logo and colours of the demo municipalities (kept when already set)."""
    for municipality_id, face in FACES.items():
        municipality = portal.get(municipality_id)
        if municipality is None or getattr(municipality, "logo", None):
            continue
        validate_colour(face["primary"])
        validate_colour(face["secondary"])
        municipality.logo = NamedBlobImage(
            data=shield_svg(municipality.Title(), face["primary"], face["field"], face["initial"]),
            contentType="image/svg+xml",
            filename=f"blason-{municipality_id}.svg",
        )
        municipality.primary_colour = face["primary"]
        municipality.secondary_colour = face["secondary"]
        municipality.reindexObject(idxs=["modified"])
