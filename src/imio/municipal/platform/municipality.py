"""The Municipality type: a navigation root holding a municipality's work."""

from collective.z3cform.datagridfield.row import DictRow
from imio.municipal import _
from imio.municipal.interfaces import IMunicipality
from imio.municipal.platform import structure
from imio.municipal.platform.datagrid import constrained_datagrid_validator
from imio.municipal.platform.datagrid import DataGridWidget
from imio.municipal.platform.fields import ClearChoice
from imio.municipal.platform.fields import IClearChoice
from imio.municipal.platform.groups import sync_municipality_groups
from imio.municipal.platform.limits import ADDRESS_CHARS
from imio.municipal.platform.limits import chars
from imio.municipal.platform.limits import items
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.platform.validators import validate_bbox
from imio.municipal.platform.validators import validate_bce
from imio.municipal.platform.validators import validate_centroid
from imio.municipal.platform.validators import validate_phone
from imio.municipal.platform.validators import validate_service_id
from imio.municipal.platform.validators import validate_services
from plone import api
from plone.autoform import directives
from plone.base.interfaces.siteroot import INavigationRoot
from plone.dexterity.content import Container
from plone.schema.email import Email
from plone.supermodel import model
from z3c.form.interfaces import IEditForm
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from zope import schema
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


class IInsCodeField(IClearChoice):
    """The INS code field: chosen once, at creation."""


@implementer(IInsCodeField)
class InsCodeField(ClearChoice):
    """A Choice that the REST API and the edit form refuse to change once set."""


class IService(Interface):
    """A row of the services table."""

    id = schema.ASCIILine(
        title=_("label_service_id", default="Identifier"),
        description=_(
            "help_service_id",
            default="Lowercase letters and digits (e.g. urbanisme); used in group names.",
        ),
        constraint=validate_service_id,
    )
    title = schema.TextLine(title=_("label_service_title", default="Title"), constraint=chars())
    # Public contact points: published on purpose, never masked in acts.
    email = Email(
        title=_("label_service_email", default="Public e-mail"), required=False, constraint=chars()
    )
    phone = schema.TextLine(
        title=_("label_service_phone", default="Public phone"),
        required=False,
        constraint=validate_phone,
    )


TRANSPORTS = SimpleVocabulary(
    [
        SimpleTerm("http", "http", _("transport_http", default="HTTP (automatic)")),
        SimpleTerm(
            "package", "package", _("transport_package", default="Package deposited by hand")
        ),
    ]
)


class IMunicipalitySchema(model.Schema):
    """Fields of a municipality (title and description come from plone.basic)."""

    directives.mode(IEditForm, ins_code="display")
    ins_code = InsCodeField(
        title=_("label_ins_code", default="INS code"),
        description=_(
            "help_ins_code",
            default="The Walloon municipality (REFNIS/INS code). "
            "Fixed at creation: group names contain it.",
        ),
        vocabulary="imio.municipal.vocabularies.WalloonMunicipalities",
    )

    bce_number = schema.TextLine(
        title=_("label_bce_number", default="BCE/KBO number"),
        description=_("help_bce_number", default="The enterprise number, e.g. 0216.689.981."),
        constraint=validate_bce,
    )

    address = schema.Text(
        title=_("label_address", default="Address"),
        required=False,
        constraint=chars(ADDRESS_CHARS),
    )

    email = Email(
        title=_("label_email", default="E-mail"),
        required=False,
        constraint=chars(),
    )

    phone = schema.TextLine(
        title=_("label_phone", default="Phone"),
        required=False,
        constraint=validate_phone,
    )

    website = schema.URI(
        title=_("label_website", default="Website"),
        required=False,
        constraint=chars(),
    )

    # Where the municipality is, for open-data portals (DCAT-AP).
    centroid = schema.TextLine(
        title=_("label_centroid", default="Centre of the territory"),
        description=_(
            "help_centroid",
            default="Latitude and longitude in decimal degrees (WGS 84), e.g. 50.4669, 4.8675.",
        ),
        required=False,
        constraint=validate_centroid,
    )
    bbox = schema.TextLine(
        title=_("label_bbox", default="Bounding box of the territory"),
        description=_(
            "help_bbox",
            default="Two opposite corners, each as latitude, longitude (WGS 84), separated "
            "by a semicolon, e.g. 50.39, 4.74; 50.53, 4.99.",
        ),
        required=False,
        constraint=validate_bbox,
    )

    directives.widget(
        "services",
        DataGridWidget,
        allow_reorder=True,
    )
    services = schema.List(
        title=_("label_services", default="Services"),
        description=_(
            "help_services",
            default="The municipal services. Each service gets an agents group "
            "and a heads-of-service group.",
        ),
        value_type=DictRow(title=_("label_service", default="Service"), schema=IService),
        required=False,
        default=[],
        constraint=items(then=validate_services),
    )

    # Where the municipality sends to the region (tokens: environment or
    # zope.conf, see exchange/settings.py). Read by its secretariat, set by
    # platform admins.
    model.fieldset(
        "exchange",
        label=_("fieldset_exchange", default="Exchanges with the region"),
        fields=[
            "etutelle_transport",
            "etutelle_url",
            "guichet_transport",
            "guichet_url",
            "permits_url",
        ],
    )
    directives.read_permission(
        etutelle_transport="imio.municipal.ManageTutelle",
        etutelle_url="imio.municipal.ManageTutelle",
        guichet_transport="imio.municipal.ManageTutelle",
        guichet_url="imio.municipal.ManageTutelle",
        permits_url="imio.municipal.ManageTutelle",
    )
    directives.write_permission(
        etutelle_transport="cmf.ManagePortal",
        etutelle_url="cmf.ManagePortal",
        guichet_transport="cmf.ManagePortal",
        guichet_url="cmf.ManagePortal",
        permits_url="cmf.ManagePortal",
    )
    etutelle_transport = ClearChoice(
        title=_("label_etutelle_transport", default="e-Tutelle: transport"),
        description=_(
            "help_transport",
            default="HTTP: the worker sends and follows up by itself. Package: the "
            "secretariat downloads a ZIP, deposits it on the regional portal and records "
            "the receipt.",
        ),
        vocabulary=TRANSPORTS,
        default="package",
        required=False,
    )
    etutelle_url = schema.URI(
        title=_("label_etutelle_url", default="e-Tutelle: endpoint"), required=False
    )
    guichet_transport = ClearChoice(
        title=_("label_guichet_transport", default="Guichet (PIC): transport"),
        vocabulary=TRANSPORTS,
        default="package",
        required=False,
    )
    guichet_url = schema.URI(
        title=_("label_guichet_url", default="Guichet (PIC): endpoint"), required=False
    )
    permits_url = schema.URI(
        title=_("label_permits_url", default="Permit platform: endpoint"),
        description=_(
            "help_permits_url",
            default="The files the platform transfers become case files of the urbanism "
            "service. Empty: nothing is fetched.",
        ),
        required=False,
    )


@implementer(IMunicipality, INavigationRoot)
class Municipality(Container):
    """A municipality: its internal folders, its publications, its groups."""

    @property
    def service_titles(self) -> dict:
        return {row["id"]: row["title"] for row in (self.services or [])}


def check_ins_code(context, value) -> None:
    """Refuse changing a set INS code, and an INS code already on the platform.

    `context` is the municipality being edited, or the container it is added to.
    """
    current = getattr(context, "ins_code", None) if IMunicipality.providedBy(context) else None
    if current and value != current:
        raise MunicipalValidationError(
            _(
                "error_ins_code_fixed",
                default="The INS code of a municipality cannot change after its "
                "creation (it is ${current}).",
                mapping={"current": current},
            )
        )
    for brain in api.content.find(portal_type="Municipality", ins_code=value, unrestricted=True):
        if current is None or brain.UID != api.content.get_uuid(context):
            raise MunicipalValidationError(
                _(
                    "error_ins_code_taken",
                    default="A municipality with INS code ${value} already exists "
                    "on the platform (${path}).",
                    mapping={"value": value, "path": brain.getPath()},
                )
            )


class InsCodeValidator(SimpleFieldValidator):
    """Form side of `check_ins_code`."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value:
            check_ins_code(self.context, value)


WidgetValidatorDiscriminators(InsCodeValidator, field=IMunicipalitySchema["ins_code"])


ServicesValidator = constrained_datagrid_validator(IMunicipalitySchema["services"])


def municipality_added(municipality, event):
    structure.ensure_municipal_folders(municipality)
    sync_municipality_groups(municipality)


def municipality_modified(municipality, event):
    if IContainerModifiedEvent.providedBy(event):
        # a folder added or removed inside: the groups depend on the fields only
        return
    kept = sync_municipality_groups(municipality)
    if kept:
        api.portal.show_message(
            _(
                "message_groups_kept",
                default="These groups of removed services still have members and "
                "were kept: ${groups}. Move their members, then save again.",
                mapping={"groups": ", ".join(kept)},
            ),
            type="warning",
        )
