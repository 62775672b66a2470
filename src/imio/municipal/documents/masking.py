"""The hook for the public version of a deliberation (personal data masked).

The publication renders a public version of each published act: the
same deliberation, with the personal data of the motivation and the decision
masked. It plugs in here by registering an adapter::

    <adapter
        for="imio.municipal.interfaces.IAct"
        provides="imio.municipal.documents.masking.IPublicVersionMasker"
        factory=".publication.Masker"
        />

and rendering the deliberation with the helper's ``public_version = True``
(``ActHelper.masked`` then runs every rich text through the masker). Until
such an adapter exists, a public version is refused rather than printed
unmasked.
"""

from zope.component import queryAdapter
from zope.interface import Interface


class IPublicVersionMasker(Interface):
    """Masks the personal data of one act's texts."""

    def mask(html: str) -> str:
        """The HTML with the personal data replaced (e.g. by « [...] »)."""


class NoMaskerError(Exception):
    """A public version was asked for, but no masker is registered."""


def mask_html(act, html: str) -> str:
    masker = queryAdapter(act, IPublicVersionMasker)
    if masker is None:
        raise NoMaskerError("No masker for the public version: it is not available yet.")
    return masker.mask(html)
