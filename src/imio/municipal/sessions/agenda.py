"""What an act must satisfy before it goes on the agenda of a session.

Other capabilities add their own conditions (the financial director's advice,
for instance) without this module knowing them: they register a subscription
adapter of the act providing :class:`IAgendaPrecondition`.

Example registration::

    <subscriber
        for="imio.municipal.interfaces.IAct"
        provides="imio.municipal.sessions.agenda.IAgendaPrecondition"
        factory=".advice.AdviceBeforeAgenda"
        />
"""

from zope.component import subscribers
from zope.interface import Interface


class IAgendaPrecondition(Interface):
    """A condition an act must meet before it goes on an agenda."""

    def refusals(session=None):
        """The reasons (translatable messages) the act may not go on the
        agenda of ``session`` (None: any session); empty when it may."""


def refusals_before_agenda(act, session=None) -> list:
    """Every reason why ``act`` may not go on the agenda of ``session`` now.

    Runs the conditions other capabilities registered; an empty list means
    the act may go on the agenda.
    """
    reasons = []
    for precondition in subscribers((act,), IAgendaPrecondition):
        reasons.extend(precondition.refusals(session) or ())
    return reasons
