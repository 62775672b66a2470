"""The refusals of delegated administration (Plone-free)."""

from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed


class PeopleInputRefused(InvalidInput):
    """Input the personnel tools do not accept (400)."""

    def __init__(self, message):
        # Kept whole: str() of a message id would lose its default and mapping.
        self.message = message
        super().__init__(message)


class PeopleRefused(NotAllowed):
    """A person or a group the secretariat may not touch (403)."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)
