"""What the region's answers change on the objects.

- A receipt: the act's tutelle receipt date (the tutelle delay starts the
  day after it), so its deadline is computed; the permit platform's receipt
  of a decision closes the transmitted case file (permits_responses.py).
- A tutelle outcome: approved → the act becomes executory; annulled (not
  approved under the approval tutelle) → the act is annulled; extended → the
  deadline moves. A PIC decision: approved by the region, or to correct with
  the region's comment.

Each item is checked first (``region_input.py``): the municipality polled,
the message of its receipt, the object, the act's state, every field. One
that fails is rejected: kept in the exchange journal with the reason
(``rejections.py``), and the cursor moves past it. Each outcome is applied
once: the cursor of each (target, municipality) only moves forward, an item
already applied is not applied again, and a second decision on an act is
rejected.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import UnrestrictedUser
from BTrees.OOBTree import OOTreeSet
from datetime import date
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.acts import tutelle
from imio.municipal.acts.workflow import update_computed
from imio.municipal.core.calendar import belgian_today
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.dossiers.notifications import group_users
from imio.municipal.dossiers.notifications import recipient_language
from imio.municipal.exchange import permits_responses
from imio.municipal.exchange import region_input
from imio.municipal.exchange import rejections
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.exchange.targets import TARGETS
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import municipality_by_ins_code
from plone import api
from plone.app.uuid.utils import uuidToCatalogBrain
from zope.i18n import translate

import contextlib


def _object(portal, message):
    """The object a message is about, wherever it moved since (unrestricted:
    the worker acts for the platform)."""
    brain = uuidToCatalogBrain(message.obj_uid)
    return portal.unrestrictedTraverse(brain.getPath(), None) if brain is not None else None


def cursor(portal, target_id: str, ins_code: str) -> int:
    return get_outbox(portal).cursors.get(f"{target_id}:{ins_code}", 0)


def on_receipt(portal, message, received_on: date | None) -> None:
    """The region acknowledged the message (called once per message), on
    ``received_on`` (a checked date) or else the day its receipt came."""
    outbox = get_outbox(portal)
    outbox.by_receipt[message.receipt_id] = message.id
    outbox.settle(message)
    obj = _object(portal, message)
    if obj is None:
        return
    if message.target == permits_responses.TARGET:
        if permits_responses.closes_on_receipt(obj, message):
            _transition(
                obj,
                "close",
                in_site_language(
                    _(
                        "comment_permit_decision_acknowledged",
                        default="The permit platform acknowledged the decision (receipt "
                        "${receipt}).",
                        mapping={"receipt": message.receipt_id},
                    )
                ),
            )
        return
    if message.target != "etutelle":
        return
    received = received_on or message.receipt_at.astimezone(BRUSSELS).date()
    if obj.tutelle_receipt_date is None:
        obj.tutelle_receipt_date = received
        update_computed(obj)
        obj.reindexObject()


# The region's decisions (and the files its permit platform transfers) are
# recorded by the platform itself: the history names this actor; it holds the
# roles the transitions that record them require (secretariat, agent).
class _PlatformUser(UnrestrictedUser):
    def getId(self):
        return self.getUserName()  # special users have no id: the history needs one


REGION = _PlatformUser(
    "imio.municipal.exchange", "", ("Manager", "MunicipalSecretary", "ServiceEditor"), []
)


@contextlib.contextmanager
def as_platform():
    """Act as the platform (what the region decided or transferred)."""
    previous = getSecurityManager()
    newSecurityManager(None, REGION.__of__(api.portal.get().acl_users))
    try:
        yield
    finally:
        setSecurityManager(previous)


def _transition(obj, transition: str, comment: str) -> None:
    workflow = api.portal.get_tool("portal_workflow")
    with as_platform():
        available = {t["id"] for t in workflow.getTransitionsFor(obj)}
        if transition in available:
            workflow.doActionFor(obj, transition, comment=comment)
            return
    logger.warning("Outcome for %s: %s not available here", obj.absolute_url_path(), transition)


def in_site_language(message) -> str:
    # Kept in the history: in the site's language, not a request's.
    language = api.portal.get_default_language() or "fr"
    return translate(message, domain="imio.municipal", target_language=language)


def _apply_tutelle(act, decision: region_input.TutelleDecision, receipt: str) -> None:
    if decision.outcome == "extended":
        act.tutelle_extension_days = decision.extension_days
        update_computed(act)
        act.reindexObject()
        return
    decided = decision.decided_on
    if decision.outcome == "approved":
        act.tutelle_outcome, act.tutelle_outcome_date = "approved", decided
        if api.content.get_state(act) == "transmitted":
            _transition(
                act,
                "declare_executory",
                in_site_language(
                    _(
                        "comment_tutelle_approved",
                        default="Approved by the tutelle authority on ${date} (e-Tutelle "
                        "receipt ${receipt}).",
                        mapping={"date": str(decided), "receipt": receipt},
                    )
                ),
            )
    elif decision.outcome == "annulled":
        approval = act.tutelle_regime == tutelle.APPROVAL
        act.tutelle_outcome = "not_approved" if approval else "annulled"
        act.tutelle_outcome_date = decided
        _transition(
            act,
            "annul",
            in_site_language(
                _(
                    "comment_tutelle_annulled",
                    default="Annulled (or not approved) by the tutelle authority on ${date} "
                    "(e-Tutelle receipt ${receipt}).",
                    mapping={"date": str(decided), "receipt": receipt},
                )
            ),
        )
    act.reindexObject()


def _apply_pic(plan, decision: region_input.PicDecision) -> None:
    if decision.decision == "approved":
        _transition(plan, "approve_region", decision.comment or "")
    else:
        _transition(plan, "ask_correction", decision.comment or "—")


def _sent_on(message) -> date:
    """The Belgian day the message was sent from (its transition)."""
    return message.created_at.astimezone(BRUSSELS).date()


def _state_title(obj) -> str | None:
    state = api.content.get_state(obj)
    workflow = api.portal.get_tool("portal_workflow")
    return workflow.getTitleForStateOnType(state, obj.portal_type) or None


def _act_facts(act) -> region_input.ActFacts:
    return region_input.ActFacts(
        state=api.content.get_state(act),
        state_title=_state_title(act),
        regime=act.effective_regime(),
        number=getattr(act, "number", None) or None,
        outcome=act.tutelle_outcome,
        outcome_date=act.tutelle_outcome_date,
        extension_days=act.tutelle_extension_days,
    )


def _checked(portal, outbox, target_id: str, ins_code: str, item):
    """(message, object, decision) of a polled item; Refused when it cannot apply."""
    receipt_id = region_input.check_item(item, ins_code)
    message = _known(outbox, target_id, ins_code, item)
    if message is None:
        raise region_input.Refused(
            _(
                "region_refusal_unknown_receipt",
                default="No message of this municipality to ${target} has the receipt "
                "« ${receipt} ».",
                mapping={"target": TARGETS[target_id].title, "receipt": receipt_id},
            )
        )
    region_input.check_message(item, message.id, receipt_id)
    obj = _object(portal, message)
    municipality = municipality_by_ins_code(ins_code)
    inside = municipality is not None and obj is not None
    if not inside or not obj.getPhysicalPath()[: len(municipality.getPhysicalPath())] == (
        municipality.getPhysicalPath()
    ):
        raise region_input.Refused(
            _(
                "region_refusal_object_gone",
                default="The object of receipt ${receipt} is no longer in this municipality.",
                mapping={"receipt": receipt_id},
            )
        )
    today = belgian_today()
    if target_id == "etutelle":
        decision = region_input.check_tutelle(item, _act_facts(obj), _sent_on(message), today)
    else:
        state = api.content.get_state(obj)
        sent_on = _sent_on(message)
        decision = region_input.check_pic(item, state, sent_on, today, _state_title(obj))
    return message, obj, decision


def reject(portal, target_id: str, ins_code: str, item, reason, message=None, whole=False):
    """Keep ``item`` in the journal as rejected, with ``reason``; move the cursor
    past it (not for a ``whole`` answer: its cursor says nothing checked)."""
    outbox = get_outbox(portal)
    position = None if whole else region_input.item_cursor(item)
    key = f"{target_id}:{ins_code}"
    if position is not None and position > outbox.cursors.get(key, 0):
        outbox.cursors[key] = position
    about = {"cursor": position}
    if message is not None:
        about.update(obj_uid=message.obj_uid, obj_title=message.obj_title)
        about["receipt_id"] = message.receipt_id
        message.log(f"outcome rejected: {translate(reason, target_language='en')}")
    elif isinstance(item, dict) and isinstance(item.get("receipt_id"), str):
        about["receipt_id"] = item["receipt_id"][: region_input.MAX_TEXT]
    new = rejections.reject(
        outbox,
        key=rejections.item_key(target_id, ins_code, item, position),
        target=target_id,
        ins_code=ins_code,
        item=item,
        reason=reason,
        **about,
    )
    if new:
        english = translate(reason, target_language="en")
        logger.warning("%s for %s: item rejected: %s", target_id, ins_code, english)


def _known(outbox, target_id: str, ins_code: str, item):
    """The message of this municipality and target an item names, or None."""
    receipt_id = item.get("receipt_id") if isinstance(item, dict) else None
    if not isinstance(receipt_id, str):
        return None  # a BTree of texts is not asked for other types
    message_id = outbox.by_receipt.get(receipt_id)
    message = outbox.messages.get(message_id) if message_id else None
    if message is None or message.ins_code != ins_code or message.target != target_id:
        return None
    return message


def _applied(outbox) -> OOTreeSet:
    """Keys of the items applied (an outbox of before it gets it on first use)."""
    if getattr(outbox, "applied", None) is None:
        outbox.applied = OOTreeSet()
    return outbox.applied


def apply_outcome(portal, target_id: str, ins_code: str, item) -> bool:
    """Apply one item polled from a target; False when already applied or
    rejected (then kept in the exchange journal with its reason)."""
    outbox = get_outbox(portal)
    key = f"{target_id}:{ins_code}"
    position = region_input.item_cursor(item)
    if position is not None and position <= outbox.cursors.get(key, 0):
        return False  # seen already: the region repeats after a lost cursor
    seen = rejections.item_key(target_id, ins_code, item, position)
    if position is not None and seen in _applied(outbox):
        outbox.cursors[key] = position
        return False  # applied already, polled again
    try:
        message, obj, decision = _checked(portal, outbox, target_id, ins_code, item)
    except region_input.Refused as refusal:
        message = _known(outbox, target_id, ins_code, item)
        reject(portal, target_id, ins_code, item, refusal.message, message)
        return False
    outbox.cursors[key] = position
    _applied(outbox).insert(seen)
    message.log(f"outcome: {item.get('outcome') or item.get('decision')}")
    if target_id == "etutelle":
        _apply_tutelle(obj, decision, message.receipt_id)
    else:
        _apply_pic(obj, decision)
    return True


def notify_failure(portal, message) -> int:
    """Tell the municipality's secretariat a message could not be delivered."""
    municipality = municipality_by_ins_code(message.ins_code)
    if municipality is None:
        return 0
    sent = 0
    journal = f"{municipality.absolute_url()}/@@exchange-journal"
    for user in group_users(naming.secretaries_group(message.ins_code)):
        email = user.getProperty("email")
        if not email:
            continue
        language = recipient_language(user)
        mapping = {
            "municipality": municipality.Title(),
            "target": TARGETS[message.target].title,
            "title": message.obj_title,
            "error": message.last_error or "",
            "url": journal,
        }
        subject = translate(
            _(
                "mail_exchange_failed_subject",
                default="[${municipality}] Not delivered to ${target}: ${title}",
                mapping=mapping,
            ),
            target_language=language,
        )
        body = translate(
            _(
                "mail_exchange_failed_body",
                default="The message for « ${title} » could not be delivered to ${target}.\n"
                "Last error: ${error}\n\nThe exchange journal lets you send it again:\n${url}\n",
                mapping=mapping,
            ),
            target_language=language,
        )
        try:
            api.portal.send_email(recipient=email, subject=subject, body=body)
            sent += 1
        except ValueError:
            logger.warning("Cannot e-mail %s about message %s", user.getId(), message.id)
    return sent
