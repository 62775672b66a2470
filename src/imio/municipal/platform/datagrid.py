"""Make datagrid tables run their field constraint in forms.

collective.z3cform.datagridfield's validator checks cells only; the table
checks (unique ids, at least one applicant, ...) live in the field constraint
so that plone.restapi runs them too. This runs them in z3c.form.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from z3c.form.validator import WidgetValidatorDiscriminators


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
