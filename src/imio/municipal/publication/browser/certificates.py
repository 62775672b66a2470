"""The certificate chains of a public PDF, as downloads (PEM).

Anyone can check the signature and the timestamp with common tools (Adobe
Reader, ``pdfsig``, ``openssl ts -verify``) once they have the chains: the
signer's (from the signature itself, plus the roots this site trusts) and
the timestamp authority's (from the embedded timestamp or the .tsr, plus
the authority's configured root).
"""

from asn1crypto import tsp
from imio.municipal import _
from imio.municipal.publication.core.signing import embedded_certificates
from imio.municipal.publication.core.signing import pem_bundle
from imio.municipal.publication.settings import signing_roots
from imio.municipal.publication.settings import timestamp_authority
from Products.Five.browser import BrowserView
from zope.i18n import translate


FILENAMES = {
    "signature": "chaine-certificats-signataire.pem",
    "timestamp": "chaine-certificats-horodatage.pem",
}


def token_certificates(response: bytes) -> list:
    """The certificates carried by a stored RFC 3161 response (.tsr)."""
    try:
        signed = tsp.TimeStampResp.load(response)["time_stamp_token"]["content"]
        return [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def chain_pem(version, part: str) -> bytes:
    """PEM chain of the signer (``"signature"``) or the timestamp authority."""
    pdf = version.pdf.data if version.pdf is not None else b""
    if part == "signature":
        certificates = embedded_certificates(pdf, "signature")
        return pem_bundle(certificates, signing_roots() or b"") if certificates else b""
    certificates = embedded_certificates(pdf, "timestamp")
    if not certificates and version.timestamp is not None:
        certificates = token_certificates(version.timestamp.data)
    if not certificates:
        return b""
    authority = timestamp_authority()
    return pem_bundle(certificates, authority.root_pem if authority else b"")


class CertificatesView(BrowserView):
    """``@@certificates?of=signature`` (or ``timestamp``): a PEM download."""

    def __call__(self):
        part = self.request.form.get("of", "signature")
        response = self.request.response
        data = chain_pem(self.context, part) if part in FILENAMES else b""
        if not data:
            response.setStatus(404)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(
                _(
                    "certificates_none",
                    default="This publication carries no such certificate.",
                ),
                context=self.request,
            )
        response.setHeader("Content-Type", "application/pem-certificate-chain")
        response.setHeader("Content-Disposition", f'attachment; filename="{FILENAMES[part]}"')
        return data
