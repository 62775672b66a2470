"""Which ``class`` values stored rich text keeps when it is shown.

Plone's safe-HTML transform keeps any ``class`` (lxml counts it as safe),
and the theme's utility classes (``position-fixed``, ``top-0``,
``w-100 h-100``, ``d-none``, ``alert``...) would let an editor overlay or
hide the page as inline style did. Only the classes of the editor's own
formats stay: the TinyMCE formats and table styles of the registry, and
always the « Donnée personnelle » mark, which the public version masks
(dropping it would publish what the editor marked).
"""

from imio.municipal.publication.core.masking import MANUAL_CLASS
from lxml import etree
from lxml_html_clean import Cleaner
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility

import json


ALWAYS_ALLOWED = frozenset({MANUAL_CLASS})


def _format_classes(raw) -> set[str]:
    try:
        formats = json.loads(raw or "{}")
    except ValueError:
        return set()
    found = set()
    for spec in formats.values() if isinstance(formats, dict) else ():
        classes = spec.get("classes") if isinstance(spec, dict) else None
        if isinstance(classes, str):
            found.update(classes.split())
    return found


def allowed_classes() -> frozenset[str]:
    """The editor's format classes (registry), plus the personal data mark."""
    registry = queryUtility(IRegistry)
    if registry is None:
        return ALWAYS_ALLOWED
    found = _format_classes(registry.get("plone.formats"))
    for style in registry.get("plone.table_styles") or ():
        found.update(style.split("|", 1)[1].split() if "|" in style else ())
    return ALWAYS_ALLOWED | found


def filter_classes(tree, allowed) -> None:
    """Keep only allowed class names; drop the attribute when none is left."""
    for element in tree.iter(etree.Element):
        value = element.get("class")
        if value is None:
            continue
        kept = [name for name in value.split() if name in allowed]
        if kept:
            element.set("class", " ".join(kept))
        else:
            del element.attrib["class"]


class ClassFilteringCleaner(Cleaner):
    """The safe-HTML transform's cleaner, then the class filter."""

    def __call__(self, doc):
        super().__call__(doc)
        filter_classes(doc, allowed_classes())
