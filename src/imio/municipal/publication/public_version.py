"""The public version of a published act: what anonymous visitors see.

Created only by the act's `publish` / `publish_erratum` transitions
(publication/publish.py), never by hand, and never modified afterwards: it
has no workflow of its own and follows the public `publications` folder
(anonymous View, only platform admins may modify). It holds copies, not
references: the masked text, the public PDF, the released annexes (File
children) and the proof of publication.
"""

from imio.municipal import _
from imio.municipal.interfaces import IPublicVersion
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPublicVersionSchema(model.Schema):
    number = schema.TextLine(title=_("label_act_number", default="Number"), readonly=True)
    body = schema.TextLine(title=_("label_body", default="Body"), readonly=True)
    kind = schema.TextLine(title=_("label_kind", default="Kind"), readonly=True)
    matter = schema.TextLine(title=_("label_matter", default="Matter"), readonly=True)
    session_date = schema.Date(title=_("label_session_date", default="Session date"), readonly=True)
    publication_date = schema.Date(
        title=_("label_publication_date", default="Published on"), readonly=True
    )
    binding_date = schema.Date(title=_("label_binding_date", default="Binding from"), readonly=True)
    tutelle_outcome = schema.TextLine(
        title=_("label_tutelle_outcome", default="Outcome of the tutelle"), readonly=True
    )
    tutelle_outcome_date = schema.Date(
        title=_("label_tutelle_outcome_date", default="Outcome on"), readonly=True
    )
    text = RichText(title=_("label_public_text", default="Public text"), readonly=True)
    # The text in the parts a decision reads in: the motivation, the vote and
    # « DÉCIDE : », the decision (versions published before hold `text` only).
    motivation = RichText(
        title=_("label_public_motivation", default="Motivation"), readonly=True, required=False
    )
    vote = schema.TextLine(
        title=_("label_public_vote", default="Vote"), readonly=True, required=False
    )
    decision = RichText(
        title=_("label_public_decision", default="Decision"), readonly=True, required=False
    )
    signatories = schema.List(
        title=_("label_signatories", default="Signatories"),
        value_type=schema.TextLine(),
        readonly=True,
    )
    pdf = NamedBlobFile(title=_("label_public_pdf", default="Public PDF"), readonly=True)
    sha256 = schema.ASCIILine(title=_("label_sha256", default="SHA-256 of the PDF"), readonly=True)
    published_at = schema.Datetime(
        title=_("label_published_at", default="Published at"), readonly=True
    )
    timestamp = NamedBlobFile(
        title=_("label_timestamp_token", default="RFC 3161 timestamp"), readonly=True
    )
    timestamp_time = schema.Datetime(
        title=_("label_timestamp_time", default="Timestamped at"), readonly=True
    )
    timestamp_authority = schema.TextLine(
        title=_("label_timestamp_authority", default="Timestamp authority"), readonly=True
    )
    timestamp_problem = schema.TextLine(
        title=_("label_timestamp_problem", default="Why no timestamp was obtained"),
        readonly=True,
    )
    signed_by = schema.TextLine(title=_("label_signed_by", default="Signed by"), readonly=True)
    signed_at = schema.Datetime(title=_("label_signed_at", default="Signed at"), readonly=True)
    signature_problem = schema.TextLine(
        title=_("label_signature_problem", default="Why the PDF is not signed"),
        readonly=True,
    )
    version = schema.Int(title=_("label_public_version", default="Version"), readonly=True)
    erratum = schema.Text(title=_("label_erratum", default="Erratum"), readonly=True)
    modifies_acts = schema.List(
        title=_("label_act_modifies", default="Modifies"),
        value_type=schema.TextLine(),
        readonly=True,
    )
    repeals_acts = schema.List(
        title=_("label_act_repeals", default="Repeals"),
        value_type=schema.TextLine(),
        readonly=True,
    )


@implementer(IPublicVersion)
class PublicVersion(Container):
    """Frozen at creation; `superseded_by` is the only attribute set later (erratum)."""

    act_uid = None  # the internal act: kept to find versions, never shown
    ins_code = None
    previous_version = None  # id of the version this erratum replaces
    superseded_by = None  # id of the erratum that replaces this version
    modifies_acts = ()
    repeals_acts = ()
    signatories = ()
    motivation = None
    vote = None
    decision = None

    @property
    def is_current_version(self) -> bool:
        return not self.superseded_by
