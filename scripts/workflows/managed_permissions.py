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
