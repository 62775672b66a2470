"""The annex behavior: what a file attached to a case file or an act is."""

from imio.municipal import _
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


ANNEX_CATEGORIES = SimpleVocabulary(
    [
        SimpleTerm(
            "application", "application", _("annex_application", default="Application form")
        ),
        SimpleTerm("plan", "plan", _("annex_plan", default="Plan")),
        SimpleTerm("photo", "photo", _("annex_photo", default="Photo")),
        SimpleTerm("opinion", "opinion", _("annex_opinion", default="Opinion")),
        SimpleTerm(
            "correspondence", "correspondence", _("annex_correspondence", default="Correspondence")
        ),
        SimpleTerm("decision", "decision", _("annex_decision", default="Decision")),
        SimpleTerm("other", "other", _("annex_other", default="Other")),
    ]
)


@provider(IFormFieldProvider)
class IAnnex(model.Schema):
    """Category and flags of an annex (title and file come from the type)."""

    model.fieldset(
        "annex",
        label=_("fieldset_annex", default="Annex"),
        fields=["annex_category", "confidential", "publishable", "justificatory"],
    )

    annex_category = schema.Choice(
        title=_("label_annex_category", default="Category"),
        vocabulary=ANNEX_CATEGORIES,
        default="other",
        required=True,
    )
    confidential = schema.Bool(
        title=_("label_confidential", default="Confidential"),
        description=_(
            "help_confidential",
            default="Never published, never sent outside the municipality.",
        ),
        required=False,
        default=False,
    )
    publishable = schema.Bool(
        title=_("label_publishable", default="Publishable"),
        description=_(
            "help_publishable",
            default="May be released with the public version.",
        ),
        required=False,
        default=False,
    )

    justificatory = schema.Bool(
        title=_("label_justificatory", default="Justificatory piece for the tutelle"),
        description=_(
            "help_justificatory",
            default="Sent to the tutelle authority with the act.",
        ),
        required=False,
        default=False,
    )

    @invariant
    def not_both(data):
        if getattr(data, "confidential", False) and getattr(data, "publishable", False):
            raise Invalid(
                _(
                    "error_confidential_publishable",
                    default="An annex cannot be both confidential and publishable.",
                )
            )
