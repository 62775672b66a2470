"""Install the official documents: templates folder, templates, LibreOffice settings."""

from collective.documentgenerator.utils import compute_md5
from collective.documentgenerator.utils import update_oo_config
from imio.municipal import logger
from imio.municipal.documents.definitions import FOLDER_ID
from imio.municipal.documents.definitions import SPECS
from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.namedfile.file import NamedBlobFile
from zope.i18n import translate


ODT = "application/vnd.oasis.opendocument.text"
TEMPLATE_TYPES = ["ConfigurablePODTemplate", "StyleTemplate", "SubTemplate"]


def _fr(message) -> str:
    language = api.portal.get_registry_record("plone.default_language", default="fr")
    return translate(message, domain="imio.municipal", target_language=language or "fr")


def templates_folder(portal):
    """The site-level folder of templates: private, hidden from the navigation."""
    folder = portal.get(FOLDER_ID)
    if folder is None:
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(
                container=portal,
                type="Folder",
                id=FOLDER_ID,
                title="Modèles de documents",
                description="Modèles des documents officiels (imio.municipal).",
                exclude_from_nav=True,
            )
        constraints = ISelectableConstrainTypes(folder)
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(TEMPLATE_TYPES)
        constraints.setImmediatelyAddableTypes(TEMPLATE_TYPES)
    return folder


def install_templates(portal) -> dict:
    """Create or update one ConfigurablePODTemplate per document.

    A template an admin changed in the site (its file no longer matches the
    one installed) is kept; otherwise a newer file from the package replaces it.
    """
    folder = templates_folder(portal)
    result = {}
    for spec in SPECS.values():
        data = spec.path.read_bytes()
        md5 = compute_md5(data)
        template = folder.get(spec.id)
        if template is None:
            with api.env.adopt_roles(["Manager"]):
                template = api.content.create(
                    container=folder,
                    type="ConfigurablePODTemplate",
                    id=spec.id,
                    title=_fr(spec.title),
                    description=_fr(spec.description),
                    odt_file=NamedBlobFile(data=data, contentType=ODT, filename=f"{spec.id}.odt"),
                    pod_formats=list(spec.formats),
                    pod_portal_types=[spec.portal_type],
                    exclude_from_nav=True,
                )
            result[spec.id] = "created"
        elif template.initial_md5 == md5:
            result[spec.id] = "unchanged"
            continue
        elif template.has_been_modified():
            result[spec.id] = "kept (changed in the site)"
            continue
        else:
            template.odt_file = NamedBlobFile(data=data, contentType=ODT, filename=f"{spec.id}.odt")
            result[spec.id] = "replaced"
        template.initial_md5 = md5
        template.style_modification_md5 = md5
        template.reindexObject()
    logger.info("Document templates: %s", result)
    return result


def configure_libreoffice() -> None:
    """Read OO_SERVER, OO_PORT and PYTHON_UNO from the environment (zope.conf
    `<environment>`, set by scripts/run.sh) into documentgenerator's registry."""
    update_oo_config()
