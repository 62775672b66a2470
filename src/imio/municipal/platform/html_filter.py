"""What stored rich text may contain when it is shown.

Plone's safe-HTML transform reads its settings from the registry (``plone``
prefix) and filters every rich text output: the act page, the REST
serialization and the public version (stored masked, shown through the same
filter). Acts are public records: no embedded frames, plugins or forms, and no
inline style (``position:fixed`` overlays, ``url(...)``). Changing the existing
lists, rather than replacing them, keeps an administrator's other choices.
"""

from plone.base.interfaces import IFilterSchema
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


# Removed with their content.
BLOCKED_TAGS = (
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "style",
    "script",
    "link",
    "base",
    "meta",
    "svg",
    "math",
)
BLOCKED_ATTRIBUTES = ("style",)


def harden_html_filter() -> None:
    """Block ``BLOCKED_TAGS`` and ``BLOCKED_ATTRIBUTES``; filtering stays on."""
    settings = getUtility(IRegistry).forInterface(IFilterSchema, prefix="plone")
    settings.disable_filtering = False
    settings.valid_tags = [tag for tag in settings.valid_tags if tag not in BLOCKED_TAGS]
    nasty = list(settings.nasty_tags or [])
    settings.nasty_tags = nasty + [tag for tag in BLOCKED_TAGS if tag not in nasty]
    settings.custom_attributes = [
        name for name in settings.custom_attributes if name not in BLOCKED_ATTRIBUTES
    ]
