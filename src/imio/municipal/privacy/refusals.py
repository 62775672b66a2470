"""The privacy pages' refusal: a translatable reason kept as such."""

from imio.municipal.errors import InvalidInput


class PrivacyInputRefusal(InvalidInput):
    """A filter or a person the journal and the search cannot take."""

    def __init__(self, message):
        # Kept whole: str() of a message id would lose its default and mapping.
        self.message = message
        super().__init__(message)
