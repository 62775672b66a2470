"""The platform's own face: its logo and its home page (install and upgrade)."""

from base64 import b64encode
from pathlib import Path
from plone import api


PLATFORM_LOGO = Path(__file__).parent / "static" / "platform-logo.svg"
HOME_VIEW = "platform-home"


def logo_record(filename: str, data: bytes) -> bytes:
    """The value of Plone's ``plone.site_logo`` record (the site control panel's format)."""
    return b"filenameb64:%s;datab64:%s" % (b64encode(filename.encode()), b64encode(data))


def install_face(portal) -> None:
    """The platform logo (unless an administrator chose one) and the platform's home page."""
    if not api.portal.get_registry_record("plone.site_logo", default=None):
        api.portal.set_registry_record(
            "plone.site_logo", logo_record(PLATFORM_LOGO.name, PLATFORM_LOGO.read_bytes())
        )
    portal.setLayout(HOME_VIEW)
