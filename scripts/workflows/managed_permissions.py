"""Permissions every municipal workflow maps in every state.

Each spec adds its own (content permission, add File/Image/Folder) after these,
so that no permission that reveals or changes content falls back to the site's
generic roles.
"""

ADD_FILE = "plone.app.contenttypes: Add File"
ADD_FOLDER = "plone.app.contenttypes: Add Folder"
ADD_IMAGE = "plone.app.contenttypes: Add Image"

MANAGED_PERMS = [
    "Access contents information",
    "Add portal content",
    "CMFEditions: Access previous versions",
    "CMFEditions: Apply version control",
    "CMFEditions: Checkout to location",
    "CMFEditions: Revert to previous versions",
    "CMFEditions: Save new version",
    "Copy or Move",
    "Manage properties",
    "Modify constrain types",
    "Modify view template",
    "Change local roles",
    "Delete objects",
    "List folder contents",
    "Modify portal content",
    "Review portal content",
    "Sharing page: Delegate roles",
    "View",
]

# Mapped to platform admins only, in every state. Plone's role map gives them
# to Owner (and some to Contributor, Editor, Reader) at the site root, and
# product content would acquire them: each can reveal or change content
# (management screens, undo, ownership, URL aliases, locks, delegating roles,
# adding Plone's own types).
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
