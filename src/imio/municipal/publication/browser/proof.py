"""« Verify the proof »: does the PDF match its fingerprint and its timestamp?

Checks the stored public PDF, or a copy the visitor uploads (the one they
downloaded earlier), against the SHA-256 recorded at publication and the
RFC 3161 token, and says so in plain words.
"""

from imio.municipal import _
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.core.timestamp import verify
from imio.municipal.publication.settings import timestamp_authority
from Products.Five.browser import BrowserView


class VerifyPublicationView(BrowserView):
    def __call__(self):
        upload = self.request.form.get("pdf")
        self.uploaded = bool(upload and getattr(upload, "filename", ""))
        data = upload.read() if self.uploaded else self.context.pdf.data
        self.result = self.check(data)
        return self.index()

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
