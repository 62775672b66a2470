"""Filing a request: the case file the staff would create, received today.

Everything is checked before anything is written (fields, each piece by its
content, the rate limit), so a refusal leaves nothing behind; the case file,
its annexes, the receipt and the e-mail then go in the request's one
transaction (MailHost sends on commit).
"""

from AccessControl.users import UnrestrictedUser
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.core.calendar import belgian_today
from imio.municipal.counter.catalogue import text_in
from imio.municipal.counter.citizens import is_citizen_id
from imio.municipal.counter.offers import offered_request
from imio.municipal.counter.pieces import check_piece
from imio.municipal.counter.pieces import detected_type
from imio.municipal.counter.pieces import MIME_TYPES
from imio.municipal.counter.receipts import issue_receipt
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.platform.content_ids import slug
from plone import api
from plone.namedfile.file import NamedBlobFile


FILINGS_PER_HOUR = 5


# Who files on the citizen's behalf and takes the "receive" transition (its
# guard wants a service role): the e-counter itself, named in the history.
# Not an account: nobody can sign in as it.
class CounterAgent(UnrestrictedUser):
    def getId(self):
        return self.getUserName()


COUNTER_AGENT = CounterAgent("guichet-electronique", "", ("Manager", "ServiceEditor"), ())
ONLINE_COMMENT = "Demande déposée en ligne par le guichet électronique."


class FilingRefused(InvalidInput):
    """One reason per problem found (each refused file has its own)."""

    def __init__(self, messages: list):
        super().__init__("; ".join(str(message) for message in messages))
        self.messages = list(messages)
        self.message = self.messages[0]


class NotACitizen(NotAllowed):
    def __init__(self):
        super().__init__("only a signed-in citizen files requests")
        self.message = _(
            "refusal_not_a_citizen",
            default="Sign in to the e-counter as a citizen to file a request.",
        )


def current_citizen():
    """The signed-in citizen; NotACitizen for anyone else, staff included."""
    if api.user.is_anonymous():
        raise NotACitizen()
    user = api.user.get_current()
    if not is_citizen_id(user.getId()) or not user.getProperty("niss"):
        raise NotACitizen()
    return user


def _field_problems(definition, values: dict) -> tuple[dict, list]:
    problems, kept = [], {}
    unknown = set(values) - {field.name for field in definition.fields}
    if unknown:
        problems.append(
            _(
                "refusal_request_unknown_fields",
                default="This request has no field ${fields}.",
                mapping={"fields": ", ".join(sorted(unknown))},
            )
        )
    for field in definition.fields:
        value = values.get(field.name)
        text = value.strip() if isinstance(value, str) else ""
        label = text_in(field.label, "fr")
        if value is not None and not isinstance(value, str):
            problems.append(
                _(
                    "refusal_request_field_text",
                    default="${field}: a text is expected.",
                    mapping={"field": label},
                )
            )
        elif field.required and not text:
            problems.append(
                _(
                    "refusal_request_field_required",
                    default="${field} is required.",
                    mapping={"field": label},
                )
            )
        elif len(text) > field.max_length:
            problems.append(
                _(
                    "refusal_request_field_length",
                    default="${field}: at most ${limit} characters.",
                    mapping={"field": label, "limit": str(field.max_length)},
                )
            )
        elif text:
            kept[field.name] = text
    return kept, problems


def _piece_problems(definition, uploads: dict) -> list:
    problems = []
    unknown = set(uploads) - {piece.id for piece in definition.pieces}
    if unknown:
        problems.append(
            _(
                "refusal_request_unknown_pieces",
                default="This request asks for no piece ${pieces}.",
                mapping={"pieces": ", ".join(sorted(unknown))},
            )
        )
    for piece in definition.pieces:
        files = uploads.get(piece.id) or []
        if piece.required and not files:
            problems.append(
                _(
                    "refusal_request_piece_missing",
                    default="The piece « ${piece} » is required.",
                    mapping={"piece": text_in(piece.label, "fr")},
                )
            )
        problems.extend(
            problem for problem in (check_piece(piece, upload) for upload in files) if problem
        )
    return problems


def _check_rate(user) -> None:
    since = datetime.now(timezone.utc) - timedelta(hours=1)
    recent = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Dossier",
        Creator=user.getId(),
        created={"query": since, "range": "min"},
    )
    if len(recent) >= FILINGS_PER_HOUR:
        raise FilingRefused(
            [
                _(
                    "refusal_request_rate",
                    default="You filed ${count} requests in the last hour: please wait "
                    "before filing another one.",
                    mapping={"count": str(len(recent))},
                )
            ]
        )


def applicant_of(user, niss: str) -> dict:
    return {
        "kind": "person",
        "name": user.getProperty("fullname") or user.getId(),
        "niss": niss,
        "email": user.getProperty("email") or None,
    }


def file_request(municipality, request_id: str, values: dict, uploads: dict):
    """File the citizen's request; the received case file.

    ``uploads`` maps a piece id to a list of ``pieces.Upload``.
    """
    user = current_citizen()
    definition = offered_request(municipality, request_id)
    kept, problems = _field_problems(definition, values)
    problems += _piece_problems(definition, uploads)
    if problems:
        raise FilingRefused(problems)
    _check_rate(user)
    niss = user.getProperty("niss")
    user_id = user.getId()
    with api.env.adopt_user(user=COUNTER_AGENT.__of__(api.portal.get().acl_users)):
        dossier = api.content.create(
            container=municipality["dossiers"],
            type="Dossier",
            id=slug(kept["title"]),
            safe_id=True,
            procedure=definition.procedure,
            responsible_service=definition.service,
            applicants=[applicant_of(user, niss)],
            received_date=belgian_today(),
            personal_data=True,
            creators=(user_id,),
            **kept,
        )
        for piece in definition.pieces:
            for upload in uploads.get(piece.id) or []:
                kind = detected_type(upload.data)
                api.content.create(
                    container=dossier,
                    type="File",
                    title=f"{text_in(piece.label, 'fr')} — {upload.filename}",
                    file=NamedBlobFile(
                        data=upload.data, contentType=MIME_TYPES[kind], filename=upload.filename
                    ),
                    annex_category=piece.category,
                )
        api.portal.get_tool("portal_workflow").doActionFor(
            dossier, "receive", comment=ONLINE_COMMENT
        )
        # Nobody owns a filed case file: the service handles it, the citizen
        # follows it through the e-counter.
        for obj in (dossier, *dossier.objectValues()):
            obj.manage_delLocalRoles([COUNTER_AGENT.getId(), user_id])
        dossier.reindexObjectSecurity()
        issue_receipt(dossier, definition, user, uploads)
    logger.info("Request %s filed online as %s", request_id, dossier.reference)
    return dossier
