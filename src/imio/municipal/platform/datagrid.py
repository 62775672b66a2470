"""Make datagrid tables run their field constraint in forms.

collective.z3cform.datagridfield's validator checks cells only; the table
checks (unique ids, at least one applicant, ...) live in the field constraint
so that plone.restapi runs them too. This runs them in z3c.form.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldObjectWidget
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import INPUT_MODE
from z3c.form.validator import WidgetValidatorDiscriminators
from z3c.form.widget import FieldWidget
from zope.schema.interfaces import IObject


class ConstrainedDataGridValidator(DataGridValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        if value is not None:
            self.field.constraint(value)


def constrained_datagrid_validator(field):
    """A validator class for one datagrid field; register it with <adapter>."""
    validator = type(
        f"{field.__name__.title()}DataGridValidator", (ConstrainedDataGridValidator,), {}
    )
    WidgetValidatorDiscriminators(validator, field=field, widget=DataGridFieldWidget)
    return validator


INPUT_TEMPLATE = ViewPageTemplateFile("templates/datagrid_input.pt")


class _BlankableRowWidget(DataGridFieldObjectWidget):
    """A row; the auto-append ("AA") and template ("TT") rows stay blank.

    z3c.form's ObjectWidget validates its cells whenever its value is read,
    so after a refused save the empty auto-append row showed « Required » on
    its cells, as if the clerk had to fill a row the table added by itself.
    """

    def _is_blank_row(self):
        return self.name.rsplit(".", 1)[-1] in ("AA", "TT")

    def _clear(self):
        for cell in self.widgets.values():
            cell.error = None
            cell.required = False
            cell.klass = " ".join(c for c in (cell.klass or "").split() if c != "required")
        self.widgets.errors = ()

    @property
    def value(self):
        value = DataGridFieldObjectWidget.value.fget(self)
        if self._is_blank_row():
            self._clear()
        return value

    @value.setter
    def value(self, value):
        DataGridFieldObjectWidget.value.fset(self, value)

    def render(self):
        if self._is_blank_row():
            self._clear()
        return super().render()


class DataGridWidget(DataGridFieldWidget):
    """The product's datagrid: blank added rows, and a header in the user's language.

    The package's input template has no i18n domain, so its « Required »
    marker could not be translated; this one uses the package's domain (the
    product's catalogs carry its French and German).
    """

    def createObjectWidget(self, idx):
        value_type = self.field.value_type
        if not IObject.providedBy(value_type):
            return super().createObjectWidget(idx)
        widget = FieldWidget(value_type, _BlankableRowWidget(self.request))
        widget.setErrors = idx not in ("TT", "AA")
        return widget

    def render(self):
        if self.mode == INPUT_MODE:
            return INPUT_TEMPLATE(self)
        return super().render()
