"""Install and uninstall handlers of the default profile."""

from imio.municipal.administration.open_sessions import configure as configure_open_sessions
from imio.municipal.counter.setup import install_sign_in
from imio.municipal.counter.setup import uninstall_sign_in
from imio.municipal.documents.install import configure_libreoffice
from imio.municipal.documents.install import install_templates
from imio.municipal.face.setup import install_face
from imio.municipal.platform.html_filter import harden_html_filter
from imio.municipal.platform.structure import ensure_shared_projects_folder
from imio.municipal.publication.editor import install_personal_data_format
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Only the default profile shows in the add-ons control panel."""
        return [
            "imio.municipal:uninstall",
            "imio.municipal:demo",
        ]

    def getNonInstallableProducts(self):
        return ["imio.municipal.upgrades"]


def post_install(setup_tool):
    """The platform structure outside municipalities."""
    portal = api.portal.get()
    ensure_shared_projects_folder(portal)
    install_documents(portal)
    install_personal_data_format()
    harden_html_filter()
    install_sign_in(portal)
    install_face(portal)
    configure_open_sessions()


def install_documents(portal):
    """The official documents' templates, and LibreOffice from the environment."""
    install_templates(portal)
    configure_libreoffice()


def uninstall(setup_tool):
    """Content (municipalities, groups) is kept: it is the municipalities' data."""
    uninstall_sign_in(api.portal.get())
