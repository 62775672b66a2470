"""Whose pages these are: the municipality's name, logo and colours, or the platform's."""

from dataclasses import dataclass
from imio.municipal.core import colours
from imio.municipal.platform.lookup import municipality_of
from plone import api
from Products.CMFPlone.utils import getSiteLogo


@dataclass(frozen=True)
class Identity:
    name: str
    home_url: str
    logo_url: str
    primary_colour: str = ""
    secondary_colour: str = ""

    def declarations(self) -> list[str]:
        """The custom properties the product's stylesheet reads, none without colours.

        Colours are normalised again here: only ``#rrggbb`` reaches the page.
        """
        lines = []
        for name, value in (
            ("primary", self.primary_colour),
            ("secondary", self.secondary_colour),
        ):
            try:
                colour = colours.normalise_hex(value)
            except ValueError:
                continue
            red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
            lines.append(f"--municipal-{name}: {colour};")
            lines.append(f"--municipal-{name}-rgb: {red}, {green}, {blue};")
            lines.append(f"--municipal-{name}-text: {colours.text_colour_on(colour)};")
        return lines

    def css(self) -> str:
        """The declarations for the whole page, "" without colours."""
        lines = self.declarations()
        return "html:root {\n  " + "\n  ".join(lines) + "\n}" if lines else ""


def platform_identity() -> Identity:
    """The platform's name and logo (Plone's site title and site logo records)."""
    portal = api.portal.get()
    name = api.portal.get_registry_record("plone.site_title", default=None) or portal.Title()
    return Identity(name=name, home_url=portal.absolute_url(), logo_url=getSiteLogo())


def identity_of(context) -> Identity:
    """The identity of the municipality holding context, else the platform's."""
    municipality = municipality_of(context)
    if municipality is None:
        return platform_identity()
    url = municipality.absolute_url()
    logo = getattr(municipality, "logo", None)
    return Identity(
        name=municipality.Title(),
        home_url=url,
        logo_url=f"{url}/@@images/logo" if logo else platform_identity().logo_url,
        primary_colour=getattr(municipality, "primary_colour", None) or "",
        secondary_colour=getattr(municipality, "secondary_colour", None) or "",
    )
