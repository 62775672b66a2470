"""The `publish` and `publish_erratum` transitions of an act.

Everything happens in the BeforeTransition subscriber, in the transition's
transaction: refusals first (personal data not decided, a released annex
that may not go public, the PDF that cannot be made), then the public
version is created. A refusal dooms the transaction: nothing half-done.
A timestamp authority that is down or answers garbage does not block the
publication: it is recorded without timestamp, with the reason. The public
PDF is signed by the municipality (signatures.py) before it is timestamped.
"""

from datetime import datetime
from datetime import timezone
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.acts import tutelle_deadlines
from imio.municipal.core import calendar
from imio.municipal.documents.formatting import vote_sentence
from imio.municipal.documents.generation import GenerationView
from imio.municipal.documents.generation import Refusal
from imio.municipal.documents.generation import template_by_id
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication import sections
from imio.municipal.publication.core.timestamp import request_timestamp
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.core.timestamp import TimestampError
from imio.municipal.publication.decisions import annex_releases
from imio.municipal.publication.decisions import released_content_changed
from imio.municipal.publication.settings import timestamp_authority
from imio.municipal.publication.signatures import sign_document
from imio.municipal.publication.signatures import SigningRefused
from imio.municipal.publication.texts import public_texts
from imio.municipal.publication.texts import PublicTexts
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from zope.globalrequest import getRequest
from zope.i18n import translate

import html


TRANSITIONS = ("publish", "publish_erratum")
ADD_PERMISSIONS = ("Add portal content", "plone.app.contenttypes: Add File")
PLATFORM_ADMINS = ("Manager", "Site Administrator")

TIMESTAMP_PROBLEMS = {
    "unreachable": _("timestamp_unreachable", default="the timestamp authority was unreachable"),
    "timeout": _("timestamp_timeout", default="the timestamp authority did not answer in time"),
    "http-error": _("timestamp_http_error", default="the timestamp authority answered an error"),
    "garbage": _("timestamp_garbage", default="the timestamp authority's answer was unreadable"),
    "refused": _("timestamp_refused", default="the timestamp authority refused the request"),
    "untrusted": _(
        "timestamp_untrusted",
        default="the timestamp authority's answer could not be verified",
    ),
    "not-configured": _("timestamp_not_configured", default="no timestamp authority is configured"),
}


class PublicationRefused(StateRefusal):
    """Why the act cannot be published now (a message to translate)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def released_annexes(act) -> list:
    """The annexes released with a reason, checked: publishable, not confidential."""
    releases = annex_releases(act)
    annexes = []
    for annex in act.objectValues():
        if annex.UID() not in releases:
            continue
        if getattr(annex, "confidential", False) or not getattr(annex, "publishable", False):
            raise PublicationRefused(
                _(
                    "refusal_publish_confidential_annex",
                    default="« ${title} » is confidential or not publishable: it cannot be "
                    "released.",
                    mapping={"title": annex.Title()},
                )
            )
        if released_content_changed(act, annex):
            raise PublicationRefused(
                _(
                    "refusal_publish_changed_annex",
                    default="« ${title} » was changed after it was released: check it and "
                    "release it again in the preview before publishing.",
                    mapping={"title": annex.Title()},
                )
            )
        annexes.append(annex)
    return annexes


def check(act) -> PublicTexts:
    """The masked texts, or PublicationRefused."""
    if getattr(act, "closed_session", False):
        # Decided in closed session (huis clos, CDLD L1122-21): never public.
        raise PublicationRefused(
            _(
                "refusal_publish_closed_session",
                default="This act was decided in closed session: it is never published.",
            )
        )
    texts = public_texts(act)
    if texts.undecided:
        raise PublicationRefused(
            _(
                "refusal_publish_undecided",
                default="Decide for each possible personal data item whether it is masked "
                "or released (with a reason) before publishing: ${items}.",
                mapping={"items": ", ".join(f"« {item.text} »" for item in texts.undecided)},
            )
        )
    return texts


def public_pdf(act, title: str = "") -> bytes:
    """The deliberation rendered as its public version (personal data masked)."""
    # (no global request when a script or the demo publishes: the acquired one)
    view = GenerationView(act, getRequest() or act.REQUEST)
    view.public_version = True
    # The file's metadata carries the masked title, never the internal one.
    view.subject = title or None
    try:
        template = template_by_id("deliberation")
        view.check(template, "pdf")
        data, _filename = view.render(template, "pdf")
    except Refusal as refused:
        raise PublicationRefused(
            _(
                "refusal_publish_pdf",
                default="The public PDF could not be made: ${reason}",
                mapping={"reason": translate(refused.message, context=getRequest())},
            )
        ) from refused
    return data


def proof(data: bytes) -> dict:
    """SHA-256 and, when an authority answers, its verified RFC 3161 response."""
    record = {"sha256": sha256_hex(data), "published_at": datetime.now(timezone.utc)}
    authority = timestamp_authority()
    if authority is None:
        record["timestamp_problem"] = "not-configured"
        return record
    try:
        stamp = request_timestamp(data, authority.url, authority.root_pem)
    except TimestampError as error:
        logger.warning("No timestamp from %s: %s", authority.url, error)
        record["timestamp_problem"] = error.code
        return record
    record.update(
        timestamp=NamedBlobFile(
            data=stamp.response,
            contentType="application/timestamp-reply",
            filename="horodatage.tsr",
        ),
        timestamp_time=stamp.time,
        timestamp_authority=stamp.authority,
    )
    return record


def _numbers(relations) -> list[str]:
    numbers = []
    for relation in relations or []:
        target = relation.to_object if not relation.isBroken() else None
        if target is not None and getattr(target, "number", None):
            numbers.append(target.number)
    return numbers


def public_vote(act) -> str:
    """How the body voted, as its deliberation says it (a mayor's order has no vote)."""
    if act.body == "bourgmestre":
        return ""
    return vote_sentence(
        act.members_present,
        act.votes_for,
        act.votes_against,
        act.votes_abstention,
        bool(act.unanimity),
    )


def create_public_version(act, erratum: str = ""):
    """Check, render, prove and create the act's next public version."""
    texts = check(act)
    annexes = released_annexes(act)
    title = html.unescape(texts.title.html)
    try:
        signed = sign_document(act, public_pdf(act, title), reason="Publication")
    except SigningRefused as refused:
        raise PublicationRefused(refused.message) from None
    pdf = signed.data
    evidence = proof(pdf)
    section = sections.section_for(act)
    previous = sections.current_version(act)
    version = (previous.version + 1) if previous is not None else 1
    sequence = act.number.rsplit("/", 1)[-1]
    new_id = sequence if version == 1 else f"{sequence}-v{version}"
    today = calendar.belgian_today()
    first_publication = act.publication_date or today
    with api.env.adopt_roles(["Manager"]):
        public = api.content.create(
            container=section,
            type="PublicVersion",
            id=new_id,
            title=title,
            number=act.number,
            body=act.body,
            kind=act.kind,
            matter=act.matter,
            session_date=act.session_date,
            publication_date=today,
            binding_date=tutelle_deadlines.binding_date(first_publication)
            if act.is_regulation
            else None,
            tutelle_outcome=act.tutelle_outcome,
            tutelle_outcome_date=act.tutelle_outcome_date,
            text=RichTextValue(texts.html, "text/html", "text/x-html-safe"),
            motivation=RichTextValue(texts.motivation.html, "text/html", "text/x-html-safe"),
            vote=public_vote(act) or None,
            decision=RichTextValue(texts.decision.html, "text/html", "text/x-html-safe"),
            signatories=[
                f"{row.get('function') or ''} {row.get('name') or ''}".strip()
                for row in (act.signatories or [])
            ],
            pdf=NamedBlobFile(
                data=pdf,
                contentType="application/pdf",
                filename=f"{act.number.replace('/', '-')}-v{version}.pdf",
            ),
            version=version,
            erratum=erratum or None,
            modifies_acts=_numbers(getattr(act, "modifies", None)),
            repeals_acts=_numbers(getattr(act, "repeals", None)),
            signed_by=signed.signer or None,
            signed_at=signed.signed_at,
            signature_problem=signed.problem or None,
            **evidence,
        )
        municipality = municipality_of(act)
        public.act_uid = act.UID()
        public.ins_code = municipality.ins_code
        # The public record names the municipality, not the staff member who clicked.
        public.setCreators((municipality.getId(),))
        for annex in annexes:
            api.content.create(
                container=public,
                type="File",
                id=annex.getId(),
                title=annex.Title(),
                file=NamedBlobFile(
                    data=annex.file.data,
                    contentType=annex.file.contentType,
                    filename=annex.file.filename,
                ),
            ).setCreators((municipality.getId(),))
        # Frozen: nobody adds to it (the public folder lets its contributors add).
        for permission in ADD_PERMISSIONS:
            public.manage_permission(permission, PLATFORM_ADMINS, acquire=False)
        if previous is not None:
            public.previous_version = previous.getId()
            previous.superseded_by = public.getId()
            previous.reindexObject(idxs=["is_current_version"])
        public.reindexObject()
    act.publication_date = first_publication
    logger.info("Act %s published as %s", act.number, public.absolute_url_path())
    return public
