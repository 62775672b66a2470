"""The fixed structure of the platform: municipal sub-folders, shared projects."""

from imio.municipal import _
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate


# (id, portal_type, title, description): the folders every municipality
# gets. Titles are stored translated into French, the platform's language.
MUNICIPAL_FOLDERS = (
    (
        "dossiers",
        "DossierFolder",
        _("folder_dossiers", default="Case files"),
        _("folder_dossiers_help", default="Case files of all services."),
    ),
    (
        "actes",
        "ActRegister",
        _("folder_actes", default="Acts"),
        _("folder_actes_help", default="The register of acts and decisions."),
    ),
    (
        "pic",
        "InvestmentFolder",
        _("folder_pic", default="Investment plans (PIC)"),
        _("folder_pic_help", default="Municipal investment plans (PIC)."),
    ),
    (
        "publications",
        "PublicationFolder",
        _("folder_publications", default="Publications"),
        _("folder_publications_help", default="Regulations and decisions published for citizens."),
    ),
    (
        "seances",
        "SessionFolder",
        _("folder_seances", default="Sessions"),
        _(
            "folder_seances_help",
            default="Sessions of the college and the council, and their members.",
        ),
    ),
)

SHARED_PROJECTS_ID = "shared-projects"


def _french(message) -> str:
    return translate(message, target_language="fr")


def _create_structural(container, portal_type, object_id, title, description):
    # Structural folders are not addable by hand (global_allow is off), so
    # skip the allowed-types check that api.content.create makes.
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(
            container,
            portal_type,
            checkConstraints=False,
            id=object_id,
            title=_french(title),
            description=_french(description),
        )


def ensure_municipal_folders(municipality) -> None:
    """Create the missing sub-folders of a municipality (idempotent)."""
    for folder_id, portal_type, title, description in MUNICIPAL_FOLDERS:
        if folder_id in municipality.objectIds():
            continue
        _create_structural(municipality, portal_type, folder_id, title, description)


def ensure_shared_projects_folder(portal) -> None:
    """Create the site-level folder of inter-municipal projects (idempotent)."""
    if SHARED_PROJECTS_ID in portal.objectIds():
        return
    _create_structural(
        portal,
        "SharedProjectsFolder",
        SHARED_PROJECTS_ID,
        _("folder_shared_projects", default="Shared projects"),
        _(
            "folder_shared_projects_help",
            default="Projects that several municipalities run together.",
        ),
    )
