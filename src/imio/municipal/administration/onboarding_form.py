"""``@@onboard-municipality``: the platform admin's form to onboard one
municipality (the rules: onboarding.py)."""

from imio.municipal import _
from imio.municipal.administration import municipalities_table
from imio.municipal.administration import onboarding
from imio.municipal.administration.onboarding_rules import OnboardingRequest
from plone import api
from plone.z3cform.layout import wrap_form
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IContextSourceBinder)
def municipalities_to_onboard(context=None):
    """The Walloon municipalities not on the platform yet."""
    return SimpleVocabulary(
        [
            SimpleTerm(entry.ins_code, entry.ins_code, entry.label)
            for entry in onboarding.available_municipalities()
        ]
    )


@provider(IContextSourceBinder)
def service_templates(context=None):
    """Each template with the services it creates."""
    return SimpleVocabulary(
        [
            SimpleTerm(key, key, f"{key} : " + ", ".join(s["title"] for s in services))
            for key, services in municipalities_table.service_templates().items()
        ]
    )


class IOnboardingForm(Interface):
    ins_code = schema.Choice(
        title=_("label_onboard_municipality", default="Municipality"),
        source=municipalities_to_onboard,
    )
    bce_number = schema.TextLine(
        title=_("label_bce_number", default="BCE/KBO number"),
        description=_("help_bce_number", default="The enterprise number, e.g. 0216.689.981."),
    )
    template = schema.Choice(
        title=_("label_onboard_template", default="Services"),
        description=_(
            "help_onboard_template",
            default="The services the municipality starts with; its secretariat edits them later.",
        ),
        source=service_templates,
        default="standard",
    )
    dg_login = schema.TextLine(
        title=_("label_onboard_dg_login", default="Login of the directeur général"),
        description=_(
            "help_onboard_dg_login",
            default="Lowercase letters, digits, dots or dashes. He receives an e-mail with a "
            "link to choose his password.",
        ),
    )
    dg_fullname = schema.TextLine(
        title=_("label_onboard_dg_fullname", default="Name of the directeur général")
    )
    dg_email = schema.TextLine(
        title=_("label_onboard_dg_email", default="E-mail of the directeur général")
    )


class OnboardingForm(form.Form):
    label = _("heading_onboard_municipality", default="Onboard a municipality")
    description = _(
        "help_onboard_municipality",
        default="Creates the municipality with its services and groups, and the account of "
        "its directeur général.",
    )
    fields = field.Fields(IOnboardingForm)
    ignoreContext = True

    @button.buttonAndHandler(_("button_onboard", default="Onboard"), name="onboard")
    def handle_onboard(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        request = OnboardingRequest.from_mapping(data)
        try:
            municipality = onboarding.onboard(api.portal.get(), request)
        except onboarding.OnboardingRefused as refused:
            self.status = " ".join(translate(m, context=self.request) for m in refused.messages)
            return
        api.portal.show_message(
            _(
                "message_onboarded",
                default="${name} is on the platform; ${login} received an e-mail to choose "
                "his password.",
                mapping={"name": municipality.Title(), "login": request.dg_login},
            ),
            request=self.request,
        )
        self.request.response.redirect(municipality.absolute_url())


OnboardingView = wrap_form(OnboardingForm)
