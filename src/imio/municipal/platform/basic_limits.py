"""The title and description of the platform's content are bounded like its
own fields (they come from Plone's IBasic behavior, whose schema is not ours)."""

from imio.municipal.interfaces import IInvestment
from imio.municipal.interfaces import IMunicipalFolder
from imio.municipal.interfaces import IMunicipality
from imio.municipal.interfaces import IServiceRouted
from imio.municipal.interfaces import ISharedProject
from imio.municipal.interfaces import ISharedProjectsFolder
from imio.municipal.platform.limits import check_chars
from imio.municipal.platform.limits import LINE_CHARS
from imio.municipal.platform.limits import TEXT_CHARS
from plone.app.dexterity.behaviors.metadata import IBasic
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators


LIMITS = {"title": LINE_CHARS, "description": TEXT_CHARS}
# The objects (and, in add forms, the containers) of the platform.
OURS = (
    IMunicipality,
    IMunicipalFolder,
    ISharedProjectsFolder,
    IServiceRouted,
    IInvestment,
    ISharedProject,
)


def check_basic(name: str, value) -> None:
    if name in LIMITS and isinstance(value, str):
        check_chars(value, LIMITS[name])


class BasicLimitValidator(SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        if any(iface.providedBy(self.context) for iface in OURS):
            check_basic(self.field.__name__, value)


class TitleValidator(BasicLimitValidator):
    pass


class DescriptionValidator(BasicLimitValidator):
    pass


WidgetValidatorDiscriminators(TitleValidator, field=IBasic["title"])
WidgetValidatorDiscriminators(DescriptionValidator, field=IBasic["description"])
