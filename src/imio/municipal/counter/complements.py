"""The missing pieces, sent by the citizen from « Mes démarches ».

Only while the service waits for them (state « incomplete »). Every file is
checked by its content before anything is stored; then the pieces become
annexes and the file goes back to the service by ``receive_complements``:
the completeness check runs again from today (CoDT D.IV.33) and the
workflow e-mails the agent, as for any file that enters « received ».
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.counter.catalogue import Piece
from imio.municipal.counter.filing import COUNTER_AGENT
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.ownership import NotNow
from imio.municipal.counter.pieces import check_piece
from imio.municipal.counter.pieces import detected_type
from imio.municipal.counter.pieces import MIME_TYPES
from plone import api
from plone.namedfile.file import NamedBlobFile


COMPLEMENT = Piece(
    id="complements",
    label={"fr": "Pièce complémentaire", "de": "Ergänzendes Dokument", "en": "Missing piece"},
    category="other",
    required=True,
    types=("pdf", "jpeg", "png"),
    max_bytes=20_000_000,
)
MAX_FILES = 10
COMPLEMENTS_COMMENT = "Pièces manquantes déposées en ligne par le demandeur."


def waits_for_pieces(dossier) -> bool:
    return api.content.get_state(dossier) == "incomplete"


def _problems(uploads: list) -> list:
    if not uploads:
        return [
            _(
                "refusal_complements_none",
                default="Join at least one file: the missing pieces the service asked for.",
            )
        ]
    if len(uploads) > MAX_FILES:
        return [
            _(
                "refusal_complements_too_many",
                default="At most ${limit} files at once.",
                mapping={"limit": str(MAX_FILES)},
            )
        ]
    return [problem for problem in (check_piece(COMPLEMENT, u) for u in uploads) if problem]


def send_complements(dossier, user, uploads: list):
    """Store the citizen's pieces and give the file back to the service."""
    if not waits_for_pieces(dossier):
        raise NotNow(
            _(
                "refusal_complements_not_expected",
                default="The service does not wait for pieces on this request.",
            )
        )
    problems = _problems(uploads)
    if problems:
        raise FilingRefused(problems)
    with api.env.adopt_user(user=COUNTER_AGENT.__of__(api.portal.get().acl_users)):
        for upload in uploads:
            api.content.create(
                container=dossier,
                type="File",
                title=f"{COMPLEMENT.label['fr']} — {upload.filename}",
                file=NamedBlobFile(
                    data=upload.data,
                    contentType=MIME_TYPES[detected_type(upload.data)],
                    filename=upload.filename,
                ),
                annex_category=COMPLEMENT.category,
            )
        api.portal.get_tool("portal_workflow").doActionFor(
            dossier, "receive_complements", comment=COMPLEMENTS_COMMENT
        )
        for obj in dossier.objectValues():
            obj.manage_delLocalRoles([COUNTER_AGENT.getId(), user.getId()])
        dossier.reindexObjectSecurity()
    logger.info("Missing pieces of %s sent online (%d files)", dossier.reference, len(uploads))
