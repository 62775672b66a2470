"""Permissions every product workflow maps to platform admins only, in every state.

Plone's role map gives them to Owner (and some to Contributor, Editor,
Reader) at the site root; product content would acquire them. Each one can
reveal or change content (management screens, undo, ownership, URL aliases,
locks, delegating roles, adding Plone's own types), so no workflow leaves
them to acquisition. wfgen.py runs from this folder: specs import it by name.
"""

ADMIN_ONLY_MORE = [
    "Access inactive portal content",
    "Add portal events",
    "Add portal folders",
    "FTP access",
    "Manage Context Aliases",
    "Set Group Ownership",
    "Sharing page: Delegate Contributor role",
    "Sharing page: Delegate Editor role",
    "Sharing page: Delegate Reader role",
    "Sharing page: Delegate Reviewer role",
    "Take ownership",
    "Undo changes",
    "View management screens",
    "WebDAV Lock items",
    "WebDAV Unlock items",
    "plone.app.contenttypes: Add Collection",
    "plone.app.contenttypes: Add Document",
    "plone.app.contenttypes: Add Event",
    "plone.app.contenttypes: Add Link",
    "plone.app.contenttypes: Add News Item",
    "plone.app.event: Import Ical",
    "plone.portlet.collection: Add collection portlet",
    "plone.portlet.static: Add static portlet",
]
# Only shared projects let their members add folders.
ADD_FOLDER = "plone.app.contenttypes: Add Folder"
