"""@@history (CMFEditions' version comparison) on any item of the site.

CMFEditions' view fails (500) on an item that keeps no versions, as the
product's types do, and on a version number that is not one. This one says
so: an item without versions sends the reader back to its page with a
message (the product's pages show their history of actions), an unknown
version is a 400 with its reason.
"""

from imio.municipal import _
from pathlib import Path
from plone import api
from Products.CMFEditions import browser as cmfeditions_browser
from Products.CMFEditions.browser.diff import DiffView
from Products.CMFEditions.interfaces.IArchivist import ArchivistError
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest
from zope.i18n import translate


class VersionsView(DiffView):
    # CMFEditions' own page, unchanged.
    index = ViewPageTemplateFile(
        str(Path(cmfeditions_browser.__file__).parent / "templates" / "diff.pt")
    )

    def getVersion(self, version):
        try:
            return super().getVersion(version)
        except (ValueError, TypeError, IndexError, KeyError, ArchivistError):
            message = _(
                "refusal_unknown_version",
                default="This item has no version « ${version} ».",
                mapping={"version": str(version)[:40]},
            )
            raise BadRequest(translate(message, context=self.request)) from None

    def __call__(self):
        metadata = self.repo_tool.getHistoryMetadata(self.context)
        if not hasattr(metadata, "retrieve"):
            api.portal.show_message(
                _(
                    "message_no_versions",
                    default="This item keeps no versions to compare.",
                ),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return super().__call__()
