"""Copies start as new drafts; registered records and municipal content stay put.

- A copy of an act or a case file is a new draft: no number or reference,
  no tutelle, exchange or publication state, no decision document. Cleaned
  on IObjectCopiedEvent, before the copy is added: the catalog and the
  dossier queue never see the original's state, and the add event starts
  the workflow at its initial state and recomputes the deadlines.
- A numbered act or a received case file is never moved or renamed (its
  number or reference is cited by its path in letters and registers).
- Nothing is moved or copied into, out of, or between municipalities.
- A public version (a publication snapshot) is never copied, moved or
  renamed: its address is part of the proof of publication.

These rules hold for every role, platform admins included: they are not
permissions. Only real moves count (old and new parent both set): adding
and removing content (site creation, deleting a municipality) are not
moves. Refusals are BadRequest (REST answers 400 with the reason) and doom
the transaction, so that a paste of several items changes nothing.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from DateTime import DateTime
from imio.municipal import _
from imio.municipal.interfaces import IAct
from imio.municipal.interfaces import IDossier
from imio.municipal.interfaces import IPublicVersion
from imio.municipal.platform.lookup import municipality_of
from Products.CMFCore.utils import getToolByName
from zExceptions import BadRequest
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


# What a new draft act has (the content, matter and service are kept).
ACT_DRAFT_VALUES = {
    "number": None,
    "session_date": None,
    "members_present": None,
    "votes_for": None,
    "votes_against": None,
    "votes_abstention": None,
    "unanimity": False,
    "transmission_date": None,
    "tutelle_receipt_date": None,
    "tutelle_extension_days": 0,
    "tutelle_deadline": None,
    "tutelle_outcome": None,
    "tutelle_outcome_date": None,
    "publication_date": None,
    "binding_date": None,
}
# What a new draft case file has (applicants, place and procedure are kept).
DOSSIER_DRAFT_VALUES = {
    "reference": None,
    "received_date": None,
    "completeness_date": None,
    "extension_days": 0,
    "due_date": None,
    "missing_pieces": [],
    "incompleteness_date": None,
    "complements_received_date": None,
    "completeness_deadline": None,
    "decision_deadline": None,
    "completion_limit": None,
    "decision": None,
    "decision_date": None,
    "permit_platform_reference": None,
    "permit_notification_id": None,
}
# The stored deliberation PDF and the publication decisions of the original.
ACT_ANNOTATIONS = (
    "imio.municipal.documents.deliberation_pdf",
    "imio.municipal.publication",
)
DECISION_CATEGORY = "decision"
# Set on the copy between its copied and cloned events.
_COPIED_FROM = "_v_imio_copied_from_municipality"


def refuse(message) -> None:
    """Stop the whole operation with its reason (nothing half-done).

    A plain BadRequest (REST answers 400 by the exception's class name),
    marked so that the Classic UI can tell it from other errors.
    """
    transaction.doom()
    refusal = BadRequest(translate(message, context=getRequest()))
    refusal.move_refused = True
    raise refusal


def registered_label(obj) -> str | None:
    """The number of an act or the reference of a case file, once it exists."""
    if IAct.providedBy(obj):
        return getattr(aq_base(obj), "number", None) or None
    if IDossier.providedBy(obj):
        return getattr(aq_base(obj), "reference", None) or None
    return None


def _municipality_path(container) -> tuple | None:
    municipality = municipality_of(container) if container is not None else None
    return municipality.getPhysicalPath() if municipality is not None else None


def _cross_municipality_refusal(obj):
    return _(
        "refusal_cross_municipality",
        default="« ${title} » stays in its municipality: nothing is moved or copied into, "
        "out of, or between municipalities.",
        mapping={"title": obj.Title() if hasattr(obj, "Title") else obj.getId()},
    )


def _public_version_refusal(obj):
    return _(
        "refusal_move_public_version",
        default="« ${title} » is a published public version: it is never copied, moved "
        "or renamed (its address is part of the proof of publication).",
        mapping={"title": obj.Title()},
    )


def public_version_refusal(obj):
    """Why obj may not be copied, moved or renamed as (or as a folder of)
    public versions, or None. For the services and views that answer before
    Plone's own checks (which would refuse some of it without a reason)."""
    if IPublicVersion.providedBy(obj):
        return _public_version_refusal(obj)
    if not getattr(aq_base(obj), "isPrincipiaFolderish", False):
        return None
    catalog = getToolByName(obj, "portal_catalog")
    path = "/".join(obj.getPhysicalPath())
    for brain in catalog.unrestrictedSearchResults(portal_type="PublicVersion", path=path):
        return _public_version_refusal(brain._unrestrictedGetObject())
    return None


def refuse_copying_public_version(obj, event) -> None:
    """IObjectCopiedEvent of a public version (also inside a copied folder)."""
    refuse(_public_version_refusal(obj))


def start_as_draft(obj, event) -> None:
    """IObjectCopiedEvent of an act or a case file (also inside a copied folder)."""
    values = ACT_DRAFT_VALUES if IAct.providedBy(obj) else DOSSIER_DRAFT_VALUES
    for name, value in values.items():
        setattr(obj, name, list(value) if isinstance(value, list) else value)
    if IAct.providedBy(obj):
        annotations = IAnnotations(obj)
        for key in ACT_ANNOTATIONS:
            annotations.pop(key, None)
    # The decision documents belong to the original's decision; the copy is
    # not yet in the catalog, so they leave without events.
    for child_id in list(obj.objectIds()):
        child = obj._getOb(child_id)
        if getattr(aq_base(child), "annex_category", None) == DECISION_CATEGORY:
            obj._delObject(child_id, suppress_events=True)
    # A new record: created now, by whoever copied it.
    now = DateTime()
    obj.creation_date = now
    obj.setModificationDate(now)
    obj.setCreators((getSecurityManager().getUser().getId(),))


def remember_origin(obj, event) -> None:
    """IObjectCopiedEvent: where the copied object comes from."""
    if obj is not event.object:
        return
    original = event.original
    setattr(obj, _COPIED_FROM, _municipality_path(aq_parent(aq_inner(original))))


def refuse_copy_across_municipalities(obj, event) -> None:
    """IObjectClonedEvent: a copy stays in the municipality of its original."""
    if obj is not event.object or not hasattr(aq_base(obj), _COPIED_FROM):
        return
    origin = getattr(aq_base(obj), _COPIED_FROM)
    delattr(obj, _COPIED_FROM)
    if origin != _municipality_path(aq_parent(aq_inner(obj))):
        refuse(_cross_municipality_refusal(obj))


def move_refusal(obj, old_parent, new_parent, moved=None):
    """Why obj may not go from old_parent to new_parent (a message), or None.

    `moved` is the object actually moved when obj is inside it.
    """
    if IPublicVersion.providedBy(obj):
        return _public_version_refusal(obj)
    label = registered_label(obj)
    if label is not None and IAct.providedBy(obj):
        return _(
            "refusal_move_numbered_act",
            default="Act ${number} is in the register: a numbered act is neither "
            "moved nor renamed.",
            mapping={"number": label},
        )
    if label is not None:
        return _(
            "refusal_move_received_dossier",
            default="Case file ${reference} is registered: a received case file is "
            "neither moved nor renamed.",
            mapping={"reference": label},
        )
    if (moved is None or moved is obj) and _municipality_path(old_parent) != _municipality_path(
        new_parent
    ):
        return _cross_municipality_refusal(obj)
    return None


def refuse_moving(obj, event) -> None:
    """IObjectWillBeMovedEvent, for the moved object and everything in it."""
    if event.oldParent is None or event.newParent is None:
        return  # an add or a removal, not a move
    reason = move_refusal(obj, event.oldParent, event.newParent, moved=event.object)
    if reason is not None:
        refuse(reason)
