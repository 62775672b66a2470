"""« Verify the proof »: does the PDF match its fingerprint and its timestamp,
and is its signature valid (pyHanko's validator)?

Checks the stored public PDF, or a copy the visitor uploads (the one they
downloaded earlier), against the SHA-256 recorded at publication and the
RFC 3161 token, and says so in plain words.
"""

from imio.municipal import _
from imio.municipal.publication.core.signing import check_pdf
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.core.timestamp import verify
from imio.municipal.publication.settings import signing_roots
from imio.municipal.publication.settings import timestamp_authority
from Products.Five.browser import BrowserView
from zope.i18nmessageid import Message


class VerifyPublicationView(BrowserView):
    def __call__(self):
        upload = self.request.form.get("pdf")
        self.uploaded = bool(upload and getattr(upload, "filename", ""))
        data = upload.read() if self.uploaded else self.context.pdf.data
        self.result = self.check(data)
        self.signature = self.check_signature(data)
        return self.index()

    def check_signature(self, data: bytes) -> dict:
        """What pyHanko's validator says of the PDF's signature, in plain words."""
        authority = timestamp_authority()
        check = check_pdf(data, signing_roots() or b"", authority.root_pem if authority else b"")
        time = check.signing_time.strftime("%d/%m/%Y %H:%M:%S UTC") if check.signing_time else ""
        mapping = {"signer": check.signer, "time": time, "authority": check.timestamp_authority}
        message = SIGNATURE_CHECKS[check.code]
        details = []
        if check.code == "ok":
            details.append(
                _(
                    "verify_signature_unmodified",
                    default="The file was not modified since it was signed.",
                )
            )
            if check.timestamped and check.timestamp_trusted:
                details.append(
                    _(
                        "verify_signature_timestamped",
                        default="The signing time is certified by the timestamp authority "
                        "« ${authority} », whose timestamp is in the signature.",
                        mapping=mapping,
                    )
                )
        return {
            "code": check.code,
            "valid": check.valid,
            "message": Message(message, mapping=mapping),
            "details": details,
        }

    def check(self, data: bytes) -> dict:
        version = self.context
        matches = sha256_hex(data) == version.sha256
        result = {"matches": matches, "timestamp": None, "time": None, "valid": matches}
        if not matches:
            result["message"] = _(
                "verify_modified",
                default="This PDF is not the one that was published: its fingerprint differs.",
            )
            return result
        token = version.timestamp
        authority = timestamp_authority()
        if token is None:
            result["message"] = _(
                "verify_no_timestamp",
                default="This PDF is the one that was published (same fingerprint). No "
                "qualified timestamp was obtained for it: the publication time is the one "
                "recorded by the municipality.",
            )
            return result
        if authority is None:
            result["message"] = _(
                "verify_no_root",
                default="This PDF is the one that was published (same fingerprint). The "
                "timestamp cannot be checked here: no timestamp authority is configured.",
            )
            return result
        verification = verify(data, token.data, authority.root_pem)
        result.update(timestamp=verification.valid, time=verification.time)
        result["valid"] = verification.valid
        if verification.valid:
            result["message"] = _(
                "verify_valid",
                default="Valid: this PDF is the one that was published, and the timestamp "
                "authority certifies that it existed on ${time}.",
                mapping={"time": verification.time.strftime("%d/%m/%Y %H:%M:%S UTC")},
            )
        else:
            result["message"] = VERIFICATION_PROBLEMS.get(
                verification.code, VERIFICATION_PROBLEMS["untrusted"]
            )
        return result


SIGNATURE_CHECKS = {
    "ok": _(
        "verify_signature_ok",
        default="Signature valid: signed by « ${signer} » on ${time}.",
    ),
    "modified": _(
        "verify_signature_modified",
        default="Signature not valid: the file was modified after « ${signer} » signed it.",
    ),
    "untrusted": _(
        "verify_signature_untrusted",
        default="Signature not valid: « ${signer} » cannot be traced to a certificate "
        "authority this site trusts.",
    ),
    "unsigned": _("verify_signature_none", default="This PDF carries no signature."),
    "unreadable": _(
        "verify_signature_unreadable",
        default="The PDF or its signature cannot be read.",
    ),
}


VERIFICATION_PROBLEMS = {
    "modified": _(
        "verify_token_modified",
        default="Not valid: the timestamp was given for another file.",
    ),
    "untrusted": _(
        "verify_token_untrusted",
        default="Not valid: the timestamp cannot be traced to the configured timestamp authority.",
    ),
    "garbage": _("verify_token_garbage", default="Not valid: the timestamp is unreadable."),
}
