"""An act waiting for an advice stays off the agenda.

The advice is the acts' business (acts/advice.py); this adapter only plugs
its refusals into the agenda's preconditions, so that an advice asked after
validation (an optional one, or the directeur financier's) still keeps the
act off the agenda until it is given or its delay has passed.
"""

from imio.municipal.acts.advice import advice_refusals
from imio.municipal.interfaces import IAct
from imio.municipal.sessions.agenda import IAgendaPrecondition
from zope.component import adapter
from zope.interface import implementer


@implementer(IAgendaPrecondition)
@adapter(IAct)
class AdviceBeforeAgenda:
    def __init__(self, act):
        self.act = act

    def refusals(self, session=None):
        return advice_refusals(self.act)
