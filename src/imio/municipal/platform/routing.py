"""Work goes to one of its author's services.

A case file, an act or a plan is seen by its responsible service: an agent
who routed it to another service would lose it at once. Only the secretariat
(and platform admins) route work to any service.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal import _
from imio.municipal.acts.content import IActSchema
from imio.municipal.dossiers.content import IDossierSchema
from imio.municipal.interfaces import IServiceRouted
from imio.municipal.pic.content import IInvestmentPlanSchema
from imio.municipal.platform.groups import services_of_current_user
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.platform.validators import MunicipalValidationError
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators


def check_responsible_service(context, value, current=None) -> None:
    """Refuse routing to a service the current user does not work in.

    ``context`` is the object or its container; ``current`` the stored
    service (leaving it unchanged is always fine)."""
    if not value or value == current:
        return
    municipality = municipality_of(context)
    if municipality is None or not municipality.ins_code:
        return
    titles = {s.get("id"): s.get("title") or s.get("id") for s in municipality.services or []}
    if value not in titles:
        return  # not a service at all: the field's vocabulary says so
    allowed = services_of_current_user(municipality.ins_code)
    if allowed is None or value in allowed:
        return
    # Clerks know their services by name, never by id.
    allowed_titles = [titles.get(service, service) for service in allowed]
    raise MunicipalValidationError(
        _(
            "error_service_not_yours",
            default='You do not work in the service "${service}": choose one of your '
            "services (${allowed}); the secretariat routes work to other services.",
            mapping={"service": titles[value], "allowed": ", ".join(allowed_titles) or "—"},
        )
    )


def stored_service(context):
    """The responsible service stored on ``context`` when it is a routed object."""
    if IServiceRouted.providedBy(context) and aq_parent(aq_inner(context)) is not None:
        return getattr(aq_inner(context), "responsible_service", None)
    return None


class ResponsibleServiceValidator(SimpleFieldValidator):
    """The form side of check_responsible_service."""

    def validate(self, value, force=False):
        super().validate(value, force)
        check_responsible_service(self.context, value, stored_service(self.context))


def responsible_service_validator(field):
    """A validator class for one schema's responsible_service field."""
    validator = type(
        f"{field.interface.__name__}ServiceValidator", (ResponsibleServiceValidator,), {}
    )
    WidgetValidatorDiscriminators(validator, field=field)
    return validator


# Registered in configure.zcml (the add and edit forms run them).
DossierServiceValidator = responsible_service_validator(IDossierSchema["responsible_service"])
ActServiceValidator = responsible_service_validator(IActSchema["responsible_service"])
PlanServiceValidator = responsible_service_validator(IInvestmentPlanSchema["responsible_service"])
