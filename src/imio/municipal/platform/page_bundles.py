"""Bundles a page leaves out when nothing on it uses them.

Plone's resource viewlet traverses and hashes every enabled bundle on each
page. The datagrid widget's script and plone.app.event's (`eventedit`) serve
only edit forms, and
collective.documentgenerator's stylesheet only its own listing and links
(replaced by the product's « Documents » card): a page showing neither can
leave them out, which Plone supports per request (`disabled_bundles`).
"""

from Products.CMFPlone.resources import remove_bundle_on_request


FORM_ONLY_BUNDLES = ("datagridfield-bundle", "eventedit", "collective.documentgenerator")


def leave_out_form_bundles(request) -> None:
    """Before rendering a page that shows no edit form (no datagrid, no event
    widget) nor the generator's own listing."""
    for name in FORM_ONLY_BUNDLES:
        remove_bundle_on_request(request, name)
