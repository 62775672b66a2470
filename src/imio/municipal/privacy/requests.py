"""Data-subject requests as files of their own: recorded, extended once,
given the summary of the person's data, answered.

A request lives in its municipality, outside the service folders: its
workflow lets the DPO and the secretariat see it, nobody else. It is never
sent to the Region nor published (neither the exchange nor the publication
handle this type).
"""

from datetime import date
from datetime import datetime
from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.privacy import data_subject
from imio.municipal.privacy import request_rules as rules
from imio.municipal.privacy.browser.subject import state_title
from imio.municipal.privacy.browser.subject import summary_lines
from imio.municipal.privacy.request_rules import RequestRefusal
from imio.municipal.privacy.summary_pdf import summary_pdf
from plone import api
from plone.dexterity.content import Container
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.i18n import translate
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


MAX_TEXT = 10_000
KIND_VOCABULARY = SimpleVocabulary(
    [SimpleTerm(kind.code, kind.code, kind.title) for kind in rules.KINDS.values()]
)


class IDataSubjectRequestSchema(model.Schema):
    kind = schema.Choice(
        title=_("label_dsr_kind", default="Kind of request"), vocabulary=KIND_VOCABULARY
    )
    requester = schema.TextLine(
        title=_("label_dsr_requester", default="Person (first name and surname)"), max_length=100
    )
    niss = schema.TextLine(
        title=_("label_dsr_niss", default="NISS or BIS number"), required=False, max_length=20
    )
    received_date = schema.Date(title=_("label_dsr_received", default="Received on"))
    request_text = schema.Text(
        title=_("label_dsr_text", default="What the person asks"),
        required=False,
        max_length=MAX_TEXT,
    )
    extension_reason = schema.Text(
        title=_("label_dsr_extension", default="Reason of the extension"),
        required=False,
        readonly=True,
    )
    answer_text = schema.Text(
        title=_("label_dsr_answer", default="Answer"), required=False, readonly=True
    )
    answered_date = schema.Date(
        title=_("label_dsr_answered", default="Answered on"), required=False, readonly=True
    )


class DataSubjectRequest(Container):
    extension_reason = None
    answer_text = None
    answered_date = None

    @property
    def deadline(self) -> date:
        return rules.deadline(self.received_date, extended=bool(self.extension_reason))


def _refused(message):
    return RequestRefusal(message)


def _received(value: object) -> date:
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                received = datetime.strptime(value.strip(), pattern).date()
                break
            except ValueError:
                continue
        else:
            received = None
    else:
        received = None
    if received is None or received > belgian_today():
        raise _refused(
            _(
                "error_dsr_received",
                default="Give the day the request was received (dd/mm/yyyy), not in the future.",
            )
        )
    return received


def record(municipality, data: dict) -> DataSubjectRequest:
    """A new request in ``municipality`` from ``data``; everything checked first."""
    if not isinstance(data, dict):
        raise _refused(_("refusal_json_object", default="Send a JSON object."))
    kind = rules.check_kind(data.get("kind"))
    person = data_subject.person_from({"niss": data.get("niss"), "name": data.get("requester")})
    if not person.name:
        raise _refused(
            _("error_dsr_requester", default="Give the person's first name and surname.")
        )
    received = _received(data.get("received_date"))
    text = data.get("request_text") or ""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise _refused(
            _(
                "error_dsr_text",
                default="The request's text is at most ${max} characters.",
                mapping={"max": MAX_TEXT},
            )
        )
    title = f"{kind.title_fr} — {person.name}"
    # A request is not addable from the municipality's menus: this is the one
    # way in, for those who hold the add permission (checked by the caller).
    request = createContentInContainer(
        municipality,
        "DataSubjectRequest",
        checkConstraints=False,
        title=title,
        kind=kind.code,
        requester=person.name,
        niss=person.niss or None,
        received_date=received,
        request_text=text or None,
    )
    return request


def extend(request: DataSubjectRequest, reason: object, today: date | None = None) -> date:
    """Extend the deadline once by two months; the reason is kept for the answer."""
    _require_received(request)
    today = today or belgian_today()
    request.extension_reason = rules.check_extension(
        request.received_date, today, bool(request.extension_reason), reason
    )
    request.reindexObject()
    return request.deadline


def _require_received(request) -> None:
    if api.content.get_state(request) != "received":
        raise rules.RequestStateRefusal(
            _(
                "error_dsr_answered",
                default="The request was already answered: it is kept as it is.",
            )
        )


def attach_summary(request: DataSubjectRequest, http_request):
    """The PDF summary of what the municipality holds on the person, as a
    file of the request (the search is journalled)."""
    _require_received(request)
    municipality = municipality_of(request)
    person = data_subject.person_from({"niss": request.niss, "name": request.requester})
    report = data_subject.search(municipality, person, source="data-subject request")

    def t(message) -> str:
        return translate(message, context=http_request)

    title = t(_("subject_summary_title", default="Access request: summary"))
    lines = summary_lines(report, t, lambda row: state_title(row, http_request))
    data = summary_pdf(title, lines, author=municipality.Title())
    stamp = belgian_today().strftime("%Y-%m-%d")
    return createContentInContainer(
        request,
        "File",
        checkConstraints=False,
        title=f"{title} ({belgian_today().strftime('%d/%m/%Y')})",
        file=NamedBlobFile(
            data=data, contentType="application/pdf", filename=f"resume-{stamp}.pdf"
        ),
    )


def answer_text(request: DataSubjectRequest, text: str) -> str:
    """The answer as given to the person: an extension and its reason are part of it."""
    if not request.extension_reason:
        return text
    extended = request.deadline.strftime("%d/%m/%Y")
    return (
        f"{text}\n\nLe délai de réponse a été prolongé jusqu'au {extended} "
        f"(RGPD, art. 12.3) pour la raison suivante : {request.extension_reason}"
    )


def answer(request: DataSubjectRequest, text: object) -> None:
    _require_received(request)
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        raise _refused(
            _(
                "error_dsr_answer",
                default="Give the answer's text (at most ${max} characters).",
                mapping={"max": MAX_TEXT},
            )
        )
    request.answer_text = answer_text(request, text.strip())
    request.answered_date = belgian_today()
    api.content.transition(obj=request, transition="answer")
    request.reindexObject()


def summary(request: DataSubjectRequest) -> dict:
    """What the REST services answer about a request."""
    return {
        "@id": request.absolute_url(),
        "title": request.Title(),
        "kind": request.kind,
        "requester": request.requester,
        "niss": request.niss,
        "received_date": request.received_date.isoformat(),
        "deadline": request.deadline.isoformat(),
        "extended": bool(request.extension_reason),
        "extension_reason": request.extension_reason,
        "review_state": api.content.get_state(request),
        "answer_text": request.answer_text,
        "answered_date": request.answered_date.isoformat() if request.answered_date else None,
        "files": [item.absolute_url() for item in request.objectValues()],
    }
