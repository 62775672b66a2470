"""REST: a shared project's lead is checked like in the forms; its approving
acts are attached through @approving-act, never by PATCH."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal import _
from imio.municipal.interfaces import ISharedProject
from imio.municipal.platform.services.explicit import ExplicitRefusalDeserializer
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.projects.content import check_lead
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(ISharedProject, IBrowserRequest)
class SharedProjectDeserializer(ExplicitRefusalDeserializer):
    def refusal(self, refused: list[str]):
        if "approving_acts" in refused:
            return _(
                "refusal_approving_acts_patch",
                default="Approving acts are attached by each secretariat with "
                "POST @approving-act, not by changing the project.",
            )
        return super().refusal(refused)

    def check(self, data: dict, create: bool) -> None:
        super().check(data, create)
        if "approving_acts" in data:
            # Administrators too: the relation deserializer failed (500) on
            # anything but a list of references, and the rule holds for all.
            raise BadRequest(translate(self.refusal(["approving_acts"]), context=self.request))
        if "lead_municipality" not in data:
            return
        # On creation the deserializer gets the new object, not yet in its
        # container: check against the container, like the add form does.
        context = aq_parent(aq_inner(self.context)) if create else self.context
        try:
            check_lead(context, data["lead_municipality"])
        except MunicipalValidationError as error:
            raise BadRequest(translate(error.message, context=self.request)) from None
