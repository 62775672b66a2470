"""Onboarding a Walloon municipality: the municipality, its services from a
template, its groups, and its first directeur général.

The DG gets an account without a password anyone typed: Plone's
registration mail sends him a link to choose his own. Everything is checked
before anything is created, and the creation runs in a savepoint: a refused
or failed onboarding leaves nothing behind.
"""

from imio.municipal import _
from imio.municipal.administration import municipalities_table
from imio.municipal.administration.onboarding_rules import check_request
from imio.municipal.administration.onboarding_rules import OnboardingRequest
from imio.municipal.administration.onboarding_rules import Reason
from imio.municipal.errors import InvalidInput
from imio.municipal.platform import naming
from OFS.ObjectManager import checkValidId
from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from zExceptions import BadRequest
from zope.component import getUtility
from zope.i18nmessageid import Message

import secrets
import transaction


FIELD_LABELS = {
    "ins_code": _("onboard_field_ins_code", default="INS code"),
    "bce_number": _("onboard_field_bce_number", default="BCE/KBO number"),
    "template": _("onboard_field_template", default="services template"),
    "dg_login": _("onboard_field_dg_login", default="login of the directeur général"),
    "dg_fullname": _("onboard_field_dg_fullname", default="name of the directeur général"),
    "dg_email": _("onboard_field_dg_email", default="e-mail of the directeur général"),
}


def _message(reason: Reason):
    values = dict(reason.values)
    if "field" in values:
        values["field"] = FIELD_LABELS.get(values["field"], values["field"])
    texts = {
        "missing": _("onboard_missing", default="The ${field} is missing."),
        "too_long": _("onboard_too_long", default="The ${field} is longer than ${max} characters."),
        "ins_unknown": _(
            "onboard_ins_unknown", default="${value} is not the INS code of a Walloon municipality."
        ),
        "bce_invalid": _(
            "onboard_bce_invalid",
            default="${value} is not a valid BCE/KBO enterprise number (e.g. 0216.689.981).",
        ),
        "template_unknown": _(
            "onboard_template_unknown",
            default='There is no services template "${value}" (known: ${known}).',
        ),
        "login_invalid": _(
            "onboard_login_invalid",
            default='The login "${value}" must be 3 to 50 lowercase letters, digits, dots, '
            "dashes or underscores.",
        ),
        "email_invalid": _("onboard_email_invalid", default="${value} is not an e-mail address."),
        "ins_twice": _(
            "onboard_ins_twice", default="The municipality ${value} is already on line ${line}."
        ),
        "login_twice": _(
            "onboard_login_twice", default='The login "${value}" is already on line ${line}.'
        ),
        "columns_missing": _(
            "onboard_columns_missing", default="The file lacks these columns: ${columns}."
        ),
        "too_many_lines": _(
            "onboard_too_many_lines", default="A file onboards at most ${max} municipalities."
        ),
        "already_onboarded": _(
            "onboard_already_onboarded",
            default="${name} is already on the platform (${path}).",
        ),
        "login_taken": _(
            "onboard_login_taken", default='The login "${value}" is already used on the platform.'
        ),
        "no_sender": _(
            "onboard_no_sender",
            default="The platform has no sender address for e-mails: set it in the mail "
            "settings first, the directeur général receives his password link by e-mail.",
        ),
    }
    return Message(texts[reason.code], mapping=values)


def messages(reasons: list[Reason]) -> list:
    """The translatable sentences of these reasons."""
    return [_message(reason) for reason in reasons]


class OnboardingRefused(InvalidInput):
    """An onboarding request with problems; ``messages`` lists them all."""

    def __init__(self, reasons: list[Reason]):
        self.reasons = reasons
        self.messages = messages(reasons)
        self.message = self.messages[0]
        super().__init__("; ".join(reason.code for reason in reasons))


def onboarded_municipality(ins_code: str):
    """The municipality of the platform with this INS code, or None."""
    brains = api.content.find(portal_type="Municipality", ins_code=ins_code, unrestricted=True)
    return brains[0]._unrestrictedGetObject() if brains else None


def available_municipalities() -> list:
    """The table's municipalities not on the platform yet."""
    brains = api.content.find(portal_type="Municipality", unrestricted=True)
    taken = {brain.ins_code for brain in brains}
    return [entry for entry in municipalities_table.municipalities() if entry.ins_code not in taken]


def platform_reasons(request: OnboardingRequest) -> list[Reason]:
    """What the platform itself refuses: a municipality already there, a
    login in use, no sender address for the DG's mail."""
    reasons = []
    existing = onboarded_municipality(request.ins_code) if request.ins_code else None
    if existing is not None:
        path = "/".join(existing.getPhysicalPath()[2:])
        reasons.append(Reason("already_onboarded", {"name": existing.Title(), "path": path}))
    if request.dg_login and api.user.get(username=request.dg_login) is not None:
        reasons.append(Reason("login_taken", {"value": request.dg_login}))
    if not api.portal.get_registry_record("plone.email_from_address", default=None):
        reasons.append(Reason("no_sender", {}))
    return reasons


def check(request: OnboardingRequest) -> None:
    """Raise OnboardingRefused with every problem of the request."""
    reasons = check_request(request) + platform_reasons(request)
    if reasons:
        raise OnboardingRefused(reasons)


def _new_id(portal, name: str, ins_code: str) -> str:
    """The municipality's name, or with its INS code when the name is taken
    or reserved (Manage: ``manage`` is Zope's management screen)."""
    slug = getUtility(IIDNormalizer).normalize(name)
    try:
        checkValidId(portal, slug)
    except BadRequest:
        return f"{slug}-{ins_code}"
    return slug


def _create(portal, request: OnboardingRequest, entry, notify: bool):
    with api.env.adopt_roles(["Manager"]):
        municipality = api.content.create(
            container=portal,
            type="Municipality",
            id=_new_id(portal, entry.name_fr, entry.ins_code),
            title=entry.name_fr,
            ins_code=entry.ins_code,
            bce_number=request.bce_number,
            services=municipalities_table.template_services(request.template),
        )
        # Nobody knows this password: the DG chooses his own from the mail.
        api.user.create(
            email=request.dg_email,
            username=request.dg_login,
            password=secrets.token_urlsafe(32),
            properties={"fullname": request.dg_fullname, "language": "fr"},
        )
        api.group.add_user(
            groupname=naming.secretaries_group(entry.ins_code), username=request.dg_login
        )
        if notify:
            api.portal.get_tool("portal_registration").registeredNotify(request.dg_login)
    return municipality


def onboard(portal, request: OnboardingRequest, notify: bool = True):
    """Create the municipality and its DG, or raise OnboardingRefused and
    create nothing. ``notify`` sends the DG his password link."""
    check(request)
    entry = municipalities_table.lookup(request.ins_code)
    savepoint = transaction.savepoint()
    try:
        return _create(portal, request, entry, notify)
    except Exception:
        savepoint.rollback()
        raise
