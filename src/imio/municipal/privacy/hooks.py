"""Record each consultation of personal data in the access journal.

After traversal (the user is known and allowed), the request notes what it
opens; once the response succeeded, the note is appended to the journal: a
failed or refused request records nothing, and nothing is written to the ZODB.
"""

from imio.municipal import logger
from imio.municipal.privacy import settings
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import JournalError
from imio.municipal.privacy.subjects import municipality_of
from imio.municipal.privacy.subjects import personal_item
from imio.municipal.privacy.subjects import persons_of
from plone.rest.interfaces import IAPIRequest
from Products.CMFCore.interfaces import IContentish


NOTE = "imio.municipal.access"
DOWNLOAD_VIEWS = ("download", "display-file", "images")
DOCUMENT_VIEWS = (
    "document-generation",
    "persistent-document-generation",
    "@documents",
    "store-deliberation",
    "@store-deliberation",
)


def _published_content(published):
    """The content item a published view, service, method or object acts on."""
    for candidate in (
        getattr(published, "context", None),
        getattr(published, "__self__", None),
        published,
    ):
        if IContentish.providedBy(candidate):
            return candidate
    return None


def _source(request, published) -> str:
    name = (getattr(published, "__name__", "") or "").lstrip("@")
    if name in {n.lstrip("@") for n in DOCUMENT_VIEWS}:
        return "document"
    if IAPIRequest.providedBy(request):
        return "rest"
    if name in DOWNLOAD_VIEWS or name == "index_html":
        return "download"
    return "view"


def note_access(event) -> None:
    """IPubAfterTraversal: note the personal data this request opens."""
    request = event.request
    if request.method not in ("GET", "HEAD"):
        return
    published = request.get("PUBLISHED")
    content = _published_content(published)
    if content is None:
        return
    item = personal_item(content)
    if item is None:
        return
    user = request.get("AUTHENTICATED_USER")
    user_id = user.getId() if user is not None else None
    if not user_id:  # anonymous visitors only ever see masked public versions
        return
    municipality = municipality_of(item)
    if municipality is None:
        return
    request.environ[NOTE] = Access(
        user_id=user_id,
        municipality=municipality.getId(),
        uid=content.UID(),
        path="/".join(content.getPhysicalPath()),
        portal_type=content.portal_type,
        source=_source(request, published),
        persons=persons_of(item),
        detail=(getattr(published, "__name__", "") or "")[:80],
    )


def record_access(event) -> None:
    """IPubSuccess: append the noted access once the response succeeded."""
    access = event.request.environ.pop(NOTE, None)
    if access is None or event.request.response.getStatus() >= 400:
        return
    try:
        settings.journal().append(access)
    except JournalError:
        # The page was already served (a staff read never fails because of
        # the journal): say it loudly, the operator must act.
        # (who, what, when: enough to trace it; no NISS, the log is no journal)
        logger.exception(
            "Access journal unavailable: %s of %s by %s at %s not recorded",
            access.source,
            access.path,
            access.user_id,
            access.at.isoformat(),
        )


def record(access: Access) -> None:
    """Append an access recorded by code (exports, searches): failures raise."""
    settings.journal().append(access)
