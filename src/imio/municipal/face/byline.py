"""Plone's byline (« par admin — Dernière modification … ») is not shown on
the product's own content: a case file, an act or a plan says who did what in
its own history and fields; the byline names whoever created the object
(often the platform admin who built the site) and reads like a blog post."""

from Acquisition import aq_base
from plone.app.layout.viewlets.content import DocumentBylineViewlet


PRODUCT_PACKAGE = "imio.municipal."


def is_product_content(context) -> bool:
    """An object of one of the product's own content classes."""
    return type(aq_base(context)).__module__.startswith(PRODUCT_PACKAGE)


class ProductBylineViewlet(DocumentBylineViewlet):
    def show(self) -> bool:
        return not is_product_content(self.context) and super().show()
