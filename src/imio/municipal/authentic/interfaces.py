"""The event every consultation of an authentic source sends.

The access journal subscribes to it: who consulted whom, in which case file,
for which purpose, and what the source answered.
"""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IAuthenticSourceLookup(IObjectEvent):
    """An authentic source was consulted in the case file ``object``."""

    kind = Attribute("'person' (national register) or 'enterprise' (BCE)")
    number = Attribute("The compact NISS/BIS or BCE number asked about")
    purpose = Attribute("The purpose id (authentic.purposes)")
    userid = Attribute("Who asked")
    outcome = Attribute("'found' or 'unknown'")
    municipality = Attribute("The INS code of the municipality that asked")


@implementer(IAuthenticSourceLookup)
class AuthenticSourceLookup(ObjectEvent):
    def __init__(self, dossier, kind, number, purpose, userid, outcome, municipality):
        super().__init__(dossier)
        self.kind = kind
        self.number = number
        self.purpose = purpose
        self.userid = userid
        self.outcome = outcome
        self.municipality = municipality
