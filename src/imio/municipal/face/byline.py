"""Plone's byline (« par admin — Dernière modification … ») is not shown on
the product's own content: a case file, an act or a plan says who did what in
its own history and fields; the byline names whoever created the object
(often the platform admin who built the site) and reads like a blog post.

Nor is it shown to citizens anywhere: signed in to the e-counter, they would
read which staff member created or last changed a page, which tells them
nothing useful and names the municipality's staff.
"""

from Acquisition import aq_base
from imio.municipal.counter.citizens import is_citizen_id
from plone import api
from plone.app.layout.viewlets.content import DocumentBylineViewlet


PRODUCT_PACKAGE = "imio.municipal."


def is_product_content(context) -> bool:
    """An object of one of the product's own content classes."""
    return type(aq_base(context)).__module__.startswith(PRODUCT_PACKAGE)


def reader_is_citizen() -> bool:
    return is_citizen_id(api.user.get_current().getId() or "")


class ProductBylineViewlet(DocumentBylineViewlet):
    def show(self) -> bool:
        if is_product_content(self.context) or reader_is_citizen():
            return False
        return super().show()
