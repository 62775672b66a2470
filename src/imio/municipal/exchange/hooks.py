"""The transitions that send to the region create their outbox message.

``transmit`` of an act under tutelle (e-Tutelle) and of a PIC plan (the
Guichet): before the transition the package is built and validated (a
missing deliberation PDF or an invalid manifest refuses the transition with
the reason, nothing changes); after it, the message is stored in the same
transaction. Nothing is sent in the request: the worker sends after commit.
"""

from imio.municipal import _
from imio.municipal.acts import tutelle
from imio.municipal.exchange import extract
from imio.municipal.exchange import outbox
from imio.municipal.exchange.common import InvalidManifest
from imio.municipal.exchange.etutelle import build_etutelle_package
from imio.municipal.exchange.pic_format import build_pic_package
from imio.municipal.exchange.settings import route
from imio.municipal.platform.lookup import municipality_of
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import contextlib
import contextvars
import transaction
import uuid


TRANSMIT = "transmit"
_SUSPENDED = contextvars.ContextVar("imio_municipal_exchange_suspended", default=False)


@contextlib.contextmanager
def transmitted_before_the_platform():
    """Record transmissions made outside the platform (on paper, before it went
    live): the workflow moves, no message is created. For data imports and
    the demo's history only."""
    token = _SUSPENDED.set(True)
    try:
        yield
    finally:
        _SUSPENDED.reset(token)


# Built before the transition, stored after it (same transaction).
_PREPARED = "_v_imio_outgoing"


def _sends(obj, transition: str) -> str | None:
    """The target this transition sends ``obj`` to, if any."""
    if transition != TRANSMIT or _SUSPENDED.get():
        return None
    if obj.portal_type == "Act":
        regime = obj.effective_regime()
        return "etutelle" if regime in (tutelle.GENERAL, tutelle.APPROVAL) else None
    if obj.portal_type == "InvestmentPlan":
        return "guichet"
    return None


def build(obj, target: str, message_id: str) -> bytes:
    now = outbox.utcnow()
    if target == "etutelle":
        return build_etutelle_package(extract.act_submission(obj, message_id, now))
    return build_pic_package(extract.plan_submission(obj, message_id, now))


def _refuse(message) -> None:
    transaction.doom()
    raise WorkflowException(translate(message, context=getRequest()))


def before_transition(obj, event):
    if event.transition is None:
        return
    target = _sends(obj, event.transition.id)
    if target is None:
        return
    message_id = str(uuid.uuid4())
    try:
        package = build(obj, target, message_id)
    except extract.MissingPiece as missing:
        _refuse(missing.message)
    except InvalidManifest as invalid:
        _refuse(
            _(
                "refusal_invalid_manifest",
                default="The message for the region is not valid, nothing was sent: ${errors}",
                mapping={"errors": " ".join(invalid.errors)},
            )
        )
    setattr(obj, _PREPARED, (target, message_id, package))


def after_transition(obj, event):
    if event.transition is None:
        return
    target = _sends(obj, event.transition.id)
    if target is None:
        return
    prepared = getattr(obj, _PREPARED, None)
    if prepared is None or prepared[0] != target:
        message_id = str(uuid.uuid4())
        prepared = (target, message_id, build(obj, target, message_id))
    _target, message_id, package = prepared
    municipality = municipality_of(obj)
    outbox.enqueue(
        api.portal.get(),
        message_id=message_id,
        target=target,
        ins_code=municipality.ins_code,
        obj_uid=api.content.get_uuid(obj),
        obj_path="/".join(obj.getPhysicalPath()),
        obj_title=obj.Title(),
        transport=route(municipality, target).transport,
        payload=package,
        media_type="application/zip",
        filename=f"{target}-{(getattr(obj, 'number', None) or obj.getId()).replace('/', '-')}.zip",
    )
    setattr(obj, _PREPARED, None)
