"""The act's edit form shows its frozen content read-only, for every role.

Once adopted (or refused), the content is corrected through the correction
form only, which keeps the change in the history; the workflow would still
let platform admins type into these fields.
"""

from imio.municipal.acts.entry import FROZEN_NAMES
from imio.municipal.acts.entry import is_frozen
from plone.dexterity.browser.edit import DefaultEditForm
from plone.z3cform import layout
from z3c.form.interfaces import DISPLAY_MODE


class ActEditForm(DefaultEditForm):
    def updateFields(self):
        super().updateFields()
        if not is_frozen(self.context):
            return
        for fields in [self.fields, *(group.fields for group in self.groups)]:
            for name, field in fields.items():
                if name.split(".")[-1] in FROZEN_NAMES:
                    field.mode = DISPLAY_MODE


ActEditView = layout.wrap_form(ActEditForm)
