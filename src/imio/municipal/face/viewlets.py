"""The theme's header and footer as the municipality's (or the platform's)."""

from imio.municipal.face.identity import identity_of
from imio.municipal.platform.lookup import municipality_of
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class IdentityViewletBase(ViewletBase):
    def update(self):
        super().update()
        self.identity = identity_of(self.context)


class LogoViewlet(IdentityViewletBase):
    """The municipality's logo and name, linking to its home (the platform's outside)."""

    index = ViewPageTemplateFile("templates/logo.pt")


class ColoursViewlet(IdentityViewletBase):
    """The municipality's colours as CSS custom properties, in the page's head."""

    def render(self) -> str:
        css = self.identity.css()
        return f'<style id="municipal-colours">\n{css}\n</style>' if css else ""


class FooterView(BrowserView):
    """The footer's signature (Plone's footer portlet): whose pages these are."""

    def identity(self):
        return identity_of(self.context)

    def _municipality(self):
        return municipality_of(self.context)

    def address_lines(self) -> list[str]:
        municipality = self._municipality()
        address = getattr(municipality, "address", None) or ""
        return [line.strip() for line in address.splitlines() if line.strip()]

    def email(self) -> str:
        return getattr(self._municipality(), "email", None) or ""
