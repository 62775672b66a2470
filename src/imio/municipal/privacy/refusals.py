"""The privacy pages' refusals: a translatable reason kept as such."""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal


class PrivacyInputRefusal(InvalidInput):
    """A filter or a person the journal and the search cannot take."""

    def __init__(self, message):
        # Kept whole: str() of a message id would lose its default and mapping.
        self.message = message
        super().__init__(message)


class JournalUnavailable(MunicipalRefusal):
    """The access journal cannot be read or written just now: what needs it
    (the journal, the data-subject search, their exports) is refused rather
    than shown unjournalled or half done."""

    status = 503

    def __init__(self):
        self.message = _(
            "error_journal_unavailable",
            default="The access journal cannot be reached at the moment: nothing was shown. "
            "Try again in a few minutes; if it lasts, tell the administrator.",
        )
        super().__init__(self.message)
