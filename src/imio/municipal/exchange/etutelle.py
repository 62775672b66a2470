"""The e-Tutelle submission: manifest and package of an adopted act (Plone-free).

Format: ``schemas/etutelle-1.0.xsd``, described in ``docs/exchange/README.md``.
The manifest is built from plain data (:class:`ActSubmission`), so the same
code serves the outbox, the package download and the tests::

    submission = ActSubmission(message_id=..., created_at=..., sender=Sender(...), ...)
    package = build_etutelle_package(submission)   # bytes of the ZIP, or InvalidManifest

A manifest that does not validate never leaves: :func:`build_etutelle_package`
raises :class:`~imio.municipal.exchange.common.InvalidManifest` with the
reasons, one sentence each.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from imio.municipal.exchange.common import element
from imio.municipal.exchange.common import FileEntry
from imio.municipal.exchange.common import format_timestamp
from imio.municipal.exchange.common import InvalidManifest
from imio.municipal.exchange.common import Sender
from imio.municipal.exchange.common import serialize
from imio.municipal.exchange.package import build_package
from imio.municipal.exchange.validation import validate


SCHEMA = "etutelle-1.0"
NAMESPACE = "urn:imio:municipal:etutelle:1.0"
VERSION = "1.0"


@dataclass(frozen=True)
class ActSubmission:
    """An adopted act sent to the tutelle authority, with its files.

    Codes are those of :mod:`imio.municipal.acts.tutelle` (kind, body, matter,
    regime). The vote is left out of the manifest when all its fields are None
    (an act without a vote); otherwise the four counts are required.
    """

    message_id: str
    created_at: datetime
    sender: Sender
    number: str
    kind: str
    body: str
    matter: str
    regime: str
    title: str
    session_date: date
    members_present: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstention: int | None = None
    unanimity: bool | None = None
    files: tuple[FileEntry, ...] = ()


def _sender(parent, sender: Sender) -> None:
    node = element(parent, "sender")
    element(node, "insCode", sender.ins_code)
    element(node, "bceNumber", sender.bce_number)
    element(node, "name", sender.name)


def etutelle_manifest(submission: ActSubmission) -> bytes:
    """The ``manifest.xml`` of ``submission``: UTF-8, indented, deterministic.

    Not validated here (see :func:`build_etutelle_package`); raises ValueError
    only for what cannot be written at all (a date and time without time zone).
    """
    from lxml import etree

    root = etree.Element(f"{{{NAMESPACE}}}submission", nsmap={"etutelle": NAMESPACE})
    root.set("version", VERSION)
    element(root, "messageId", submission.message_id)
    element(root, "createdAt", format_timestamp(submission.created_at))
    _sender(root, submission.sender)
    act = element(root, "act")
    element(act, "number", submission.number)
    element(act, "kind", submission.kind)
    element(act, "body", submission.body)
    element(act, "matter", submission.matter)
    element(act, "regime", submission.regime)
    element(act, "title", submission.title)
    element(act, "sessionDate", submission.session_date.isoformat())
    counts = (
        ("membersPresent", submission.members_present),
        ("for", submission.votes_for),
        ("against", submission.votes_against),
        ("abstention", submission.votes_abstention),
        ("unanimity", submission.unanimity),
    )
    if any(value is not None for _, value in counts):
        vote = element(act, "vote")
        for name, value in counts:
            if value is not None:
                element(vote, name, value)
    files = element(root, "files")
    for entry in submission.files:
        node = element(files, "file")
        element(node, "name", entry.name)
        element(node, "mediaType", entry.media_type)
        element(node, "size", entry.size)
        element(node, "sha256", entry.sha256)
        element(node, "role", entry.role)
    return serialize(root)


def check_etutelle(submission: ActSubmission) -> list[str]:
    """Why ``submission`` cannot leave, one sentence each; [] when it can."""
    try:
        manifest = etutelle_manifest(submission)
    except (TypeError, ValueError) as error:
        return [str(error)]
    return validate(manifest, SCHEMA)


def build_etutelle_package(submission: ActSubmission) -> bytes:
    """The ZIP package of ``submission`` (manifest, files, checksums).

    Raises InvalidManifest when the manifest does not validate.
    """
    try:
        manifest = etutelle_manifest(submission)
    except (TypeError, ValueError) as error:
        raise InvalidManifest([str(error)], "e-Tutelle") from error
    errors = validate(manifest, SCHEMA)
    if errors:
        raise InvalidManifest(errors, "e-Tutelle")
    return build_package(manifest, submission.files)
