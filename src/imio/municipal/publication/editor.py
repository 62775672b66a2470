"""The editor's « Donnée personnelle » format: a marked span the public
version masks (publication/core/masking.py MANUAL_CLASS). Added to TinyMCE's
registry settings without touching the formats already there."""

from imio.municipal.publication.core.masking import MANUAL_CLASS
from plone import api

import json


FORMAT_ID = "personaldata"
INLINE_STYLE = f"Donnée personnelle|{FORMAT_ID}|person-lock"


def install_personal_data_format() -> None:
    formats = json.loads(api.portal.get_registry_record("plone.formats") or "{}")
    formats[FORMAT_ID] = {"inline": "span", "classes": MANUAL_CLASS}
    api.portal.set_registry_record("plone.formats", json.dumps(formats, indent=2))
    styles = list(api.portal.get_registry_record("plone.inline_styles") or [])
    if not any(style.split("|")[1:2] == [FORMAT_ID] for style in styles):
        styles.append(INLINE_STYLE)
        api.portal.set_registry_record("plone.inline_styles", styles)
