"""The identity of a municipality on its pages: logo and colours.

The colours are drawn behind white text (the header) and as link colour on
white: each must reach the WCAG 2.1 AA contrast of normal text with white.
"""

from imio.municipal import _
from imio.municipal.core import colours
from imio.municipal.platform.validators import MunicipalValidationError
from plone.autoform.interfaces import IFormFieldProvider
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from zope import schema
from zope.interface import provider


#: What a logo may be: raster images browsers show, and SVG (shown in <img>,
#: where its scripts never run; plone.namedfile serves it as a download).
LOGO_TYPES = ("image/png", "image/jpeg", "image/webp", "image/svg+xml")
LOGO_MAX_BYTES = 512 * 1024


def validate_colour(value: str) -> bool:
    """A ``#rrggbb`` colour readable with white text (4.5:1), or a refusal saying why."""
    try:
        colour = colours.normalise_hex(value)
    except ValueError:
        raise MunicipalValidationError(
            _(
                "error_colour_not_hex",
                default="« ${value} » is not a colour: write it as #RRGGBB (e.g. #00477F).",
                mapping={"value": value},
            )
        ) from None
    if not colours.readable_on_white(colour):
        ratio = colours.contrast_ratio(colour, colours.WHITE)
        raise MunicipalValidationError(
            _(
                "error_colour_contrast",
                default="The colour ${value} is too light: its contrast with white is "
                "${ratio}:1, accessibility (WCAG 2.1 AA) asks for at least ${minimum}:1. "
                "Choose a darker shade.",
                mapping={
                    "value": colour,
                    "ratio": f"{ratio:.2f}".replace(".", ","),
                    "minimum": "4,5",
                },
            )
        )
    return True


def validate_logo(value) -> bool:
    """An image of a kind browsers show, small enough for every page's header."""
    if value.contentType not in LOGO_TYPES:
        raise MunicipalValidationError(
            _(
                "error_logo_type",
                default="The logo must be a PNG, JPEG, WebP or SVG image (this file is ${type}).",
                mapping={"type": value.contentType or "?"},
            )
        )
    if value.getSize() > LOGO_MAX_BYTES:
        raise MunicipalValidationError(
            _(
                "error_logo_size",
                default="The logo is too large (${size} kB): at most ${maximum} kB.",
                mapping={"size": value.getSize() // 1024, "maximum": LOGO_MAX_BYTES // 1024},
            )
        )
    return True


@provider(IFormFieldProvider)
class IMunicipalFace(model.Schema):
    """The municipality's identity shown on its pages."""

    model.fieldset(
        "face",
        label=_("fieldset_face", default="Identity"),
        fields=["logo", "primary_colour", "secondary_colour"],
    )
    logo = NamedBlobImage(
        title=_("label_logo", default="Coat of arms or logo"),
        description=_(
            "help_logo",
            default="Shown in the header of the municipality's pages (PNG, JPEG, WebP or "
            "SVG, at most 512 kB).",
        ),
        required=False,
        constraint=validate_logo,
    )
    primary_colour = schema.TextLine(
        title=_("label_primary_colour", default="Main colour"),
        description=_(
            "help_primary_colour",
            default="#RRGGBB. The header and the links of the municipality's pages; "
            "it must be dark enough for white text (contrast 4.5:1).",
        ),
        required=False,
        constraint=validate_colour,
    )
    secondary_colour = schema.TextLine(
        title=_("label_secondary_colour", default="Second colour"),
        description=_(
            "help_secondary_colour",
            default="#RRGGBB. The band under the header and the footer; dark enough for "
            "white text too.",
        ),
        required=False,
        constraint=validate_colour,
    )
