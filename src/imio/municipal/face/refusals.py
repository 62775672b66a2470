"""The browser's own refusals of a form field, in the page's language.

Chromium writes « Please fill out this field » in the browser's language,
whatever the page's. The page's head carries the product's wording, which
``face.js`` puts in place of the browser's for fields without refusals of
their own.
"""

from html import escape
from imio.municipal import _
from plone.app.layout.viewlets.common import ViewletBase
from zope.i18n import translate


MISSING = _("refusal_browser_missing", default="Please fill in this field.")
INVALID = _("refusal_browser_invalid", default="This value is not valid: check its format.")


class BrowserRefusalsViewlet(ViewletBase):
    def render(self) -> str:
        metas = (
            ("municipal-refusal-missing", MISSING),
            ("municipal-refusal-invalid", INVALID),
        )
        return "\n".join(
            f'<meta name="{name}" content="{escape(translate(message, context=self.request))}" />'
            for name, message in metas
        )
