"""Machine-readable publications sent gzip-compressed to clients that accept it.

Zope compresses a body in ``HTTPResponse.setBody`` once
``enableHTTPCompression`` is on. It is turned on late, in the transform
chain, after the caching rules and before plone.app.caching keeps the page
in RAM: the RAM cache holds the plain body and compresses it again for each
client that accepts gzip. Every answer says ``Vary: Accept-Encoding``, and
the ETag names the coding, so that no cache hands a gzip body to a client
that did not ask for it.
"""

from imio.municipal.publication.core.negotiation import accepts_gzip
from plone.app.caching.interfaces import IETagValue
from plone.transformchain.interfaces import ITransform
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


class ICompressedResponse(Interface):
    """A view whose answer is compressed when the client accepts gzip."""


def _client_accepts_gzip(request) -> bool:
    return accepts_gzip(request.getHeader("Accept-Encoding"))


@implementer(ITransform)
@adapter(ICompressedResponse, Interface)
class CompressWhenAccepted:
    # After plone.app.caching's rules (12000), before its RAM cache (90000).
    order = 89000

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        return self._compress(result)

    def transformUnicode(self, result, encoding):
        return self._compress(result.encode(encoding))

    def transformIterable(self, result, encoding):
        return self._compress(b"".join(result))

    def _compress(self, body: bytes) -> bytes | None:
        response = self.request.response
        if response.getStatus() != 200:
            return None
        vary = response.getHeader("Vary") or ""
        if "accept-encoding" not in vary.lower():
            response.appendHeader("Vary", "Accept-Encoding")
        if _client_accepts_gzip(self.request):
            response.enableHTTPCompression(force=True)
        # Returned, the body is set again, and compressed if enabled.
        return body


@implementer(IETagValue)
@adapter(Interface, Interface)
class ContentCoding:
    """The ``imio.municipal.contentCoding`` ETag component: gzip or identity."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self) -> str:
        compressed = ICompressedResponse.providedBy(self.published)
        return "gzip" if compressed and _client_accepts_gzip(self.request) else "identity"
