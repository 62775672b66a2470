"""What the region's answers change on the objects.

- A receipt: the act's tutelle receipt date (the tutelle delay starts the
  day after it), so its deadline is computed; the permit platform's receipt
  of a decision closes the transmitted case file (permits_responses.py).
- A tutelle outcome: approved → the act becomes executory; annulled (not
  approved under the approval tutelle) → the act is annulled; extended → the
  deadline moves. A PIC decision: approved by the region, or to correct with
  the region's comment.

Each outcome is applied once: the cursor of each (target, municipality) only
moves forward, and an outcome already recorded on the object changes nothing.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import UnrestrictedUser
from datetime import date
from imio.municipal import _
from imio.municipal import logger
from imio.municipal import tutelle
from imio.municipal.exchange import permits_responses
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.exchange.targets import TARGETS
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import municipality_by_ins_code
from imio.municipal.workflows.act import update_computed
from imio.municipal.workflows.notifications import group_users
from imio.municipal.workflows.notifications import recipient_language
from plone import api
from plone.app.uuid.utils import uuidToCatalogBrain
from zope.i18n import translate

import contextlib


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _object(portal, message):
    """The object a message is about, wherever it moved since (unrestricted:
    the worker acts for the platform)."""
    brain = uuidToCatalogBrain(message.obj_uid)
    return portal.unrestrictedTraverse(brain.getPath(), None) if brain is not None else None


def cursor(portal, target_id: str, ins_code: str) -> int:
    return get_outbox(portal).cursors.get(f"{target_id}:{ins_code}", 0)


def on_receipt(portal, message, data: dict) -> None:
    """The region acknowledged the message (called once per message)."""
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
                _in_site_language(
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
    received = _date(data.get("received_at")) or message.receipt_at.date()
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


def _in_site_language(message) -> str:
    # Kept in the history: in the site's language, not a request's.
    language = api.portal.get_default_language() or "fr"
    return translate(message, domain="imio.municipal", target_language=language)


def _apply_tutelle(act, item: dict, receipt: str) -> None:
    outcome = item.get("outcome")
    decided = _date(item.get("decided_on"))
    if outcome == "extended":
        act.tutelle_extension_days = item.get("extension_days") or 0
        update_computed(act)
        act.reindexObject()
        return
    if act.tutelle_outcome:
        return  # already decided (by hand or by an earlier poll)
    if outcome == "approved":
        act.tutelle_outcome, act.tutelle_outcome_date = "approved", decided
        _transition(
            act,
            "declare_executory",
            _in_site_language(
                _(
                    "comment_tutelle_approved",
                    default="Approved by the tutelle authority on ${date} (e-Tutelle "
                    "receipt ${receipt}).",
                    mapping={"date": str(decided), "receipt": receipt},
                )
            ),
        )
    elif outcome == "annulled":
        approval = act.tutelle_regime == tutelle.APPROVAL
        act.tutelle_outcome = "not_approved" if approval else "annulled"
        act.tutelle_outcome_date = decided
        _transition(
            act,
            "annul",
            _in_site_language(
                _(
                    "comment_tutelle_annulled",
                    default="Annulled (or not approved) by the tutelle authority on ${date} "
                    "(e-Tutelle receipt ${receipt}).",
                    mapping={"date": str(decided), "receipt": receipt},
                )
            ),
        )
    act.reindexObject()


def _apply_pic(plan, item: dict) -> None:
    decision = item.get("decision")
    if decision == "approved":
        _transition(plan, "approve_region", item.get("comment") or "")
    elif decision == "to_correct":
        _transition(plan, "ask_correction", item.get("comment") or "—")


def apply_outcome(portal, target_id: str, ins_code: str, item: dict) -> bool:
    """Apply one item polled from a target; False when already applied or unknown."""
    outbox = get_outbox(portal)
    key = f"{target_id}:{ins_code}"
    position = int(item.get("cursor") or 0)
    if position <= outbox.cursors.get(key, 0):
        return False
    outbox.cursors[key] = position
    message_id = outbox.by_receipt.get(item.get("receipt_id"))
    message = outbox.messages.get(message_id) if message_id else None
    obj = _object(portal, message) if message is not None else None
    if obj is None:
        logger.warning("%s: outcome for unknown receipt %s", target_id, item.get("receipt_id"))
        return False
    message.log(f"outcome: {item.get('outcome') or item.get('decision')}")
    if target_id == "etutelle":
        _apply_tutelle(obj, item, message.receipt_id)
    else:
        _apply_pic(obj, item)
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
