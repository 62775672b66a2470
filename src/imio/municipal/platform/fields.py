"""Schema fields whose refusals explain themselves over REST too."""

from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import IChoice


class IClearChoice(IChoice):
    """A Choice whose REST deserializer names the refused value."""


@implementer(IClearChoice)
class ClearChoice(schema.Choice):
    """A Choice; plone.restapi's generic "Constraint not satisfied" is replaced
    by a message naming the value (see platform/services/fields.py)."""
