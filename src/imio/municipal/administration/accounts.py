"""Create, disable and re-enable the accounts of a municipality's people.

A new account never gets a password typed by the secretariat: it gets a
random one and the person a mail to choose his own. Disabling is real: the
password is replaced by an unknown random one, pending password-reset links
are dropped, the e-mail address is put aside (so the person cannot ask for a
new password himself), his open sessions end and the municipality's groups
are taken away; all of it is kept on the municipality to give back on
re-enabling, with a new mail.
"""

from imio.municipal import _
from imio.municipal.administration import csv_import
from imio.municipal.administration import functions
from imio.municipal.administration import log
from imio.municipal.administration import open_sessions
from imio.municipal.administration import scope
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.administration.refusals import PeopleRefused
from imio.municipal.platform import naming
from persistent.mapping import PersistentMapping
from plone import api
from zope.i18n import translate

import secrets


def _random_password() -> str:
    return secrets.token_urlsafe(32)


def send_password_mail(user, municipality) -> None:
    """A mail with a link where the person chooses his password."""
    reset = api.portal.get_tool("portal_password_reset").requestReset(user.getId())
    url = f"{api.portal.get().absolute_url()}/passwordreset/{reset['randomstring']}"
    if reset.get("userid"):
        url += f"?userid={user.getId()}"
    request = getattr(municipality, "REQUEST", None)
    mapping = {"municipality": municipality.title, "login": user.getUserName(), "url": url}
    subject = translate(
        _("mail_account_subject", default="Your account at ${municipality}", mapping=mapping),
        context=request,
    )
    body = translate(
        _(
            "mail_account_body",
            default="Your account ${login} at ${municipality} is ready. Choose your "
            "password here: ${url}",
            mapping=mapping,
        ),
        context=request,
    )
    api.portal.send_email(recipient=user.getProperty("email"), subject=subject, body=body)


def _grant(municipality, user_id: str, function: str, service: str | None) -> str:
    services = municipality.service_titles
    functions.check_function(function, service or "", services)
    group = functions.group_of(municipality.ins_code, function, service)
    api.group.add_user(groupname=group, username=user_id)
    return group


def describe(function: str, service: str | None, municipality, request=None) -> str:
    title = translate(functions.FUNCTION_TITLES[function], context=request)
    if service:
        return f"{title} ({municipality.service_titles.get(service, service)})"
    return title


def create_user(municipality, login, fullname, email, grants=()) -> object:
    """A new account in the municipality's staff, with these (function, service)."""
    login = csv_import.check_login(login)
    fullname = csv_import.check_name(fullname)
    email = csv_import.check_email(email)
    for function, service in grants:
        functions.check_function(function, service or "", municipality.service_titles)
    if api.user.get(username=login) is not None:
        raise PeopleInputRefused(
            _(
                "error_login_taken",
                default="The login ${login} is already used.",
                mapping={"login": login},
            )
        )
    user = api.user.create(
        email=email, username=login, password=_random_password(), properties={"fullname": fullname}
    )
    api.group.add_user(groupname=naming.staff_group(municipality.ins_code), username=login)
    for function, service in grants:
        _grant(municipality, login, function, service)
    log.record(municipality, "create", login, f"{fullname} <{email}>")
    for function, service in grants:
        log.record(municipality, "grant", login, describe(function, service, municipality))
    send_password_mail(user, municipality)
    return user


def grant(municipality, login: str, function: str, service: str | None = None) -> None:
    user = scope.user_of(municipality, login)
    _refuse_if_disabled(municipality, user)
    _grant(municipality, user.getId(), function, service)
    log.record(municipality, "grant", user.getId(), describe(function, service, municipality))


def revoke(municipality, login: str, function: str, service: str | None = None) -> None:
    user = scope.user_of(municipality, login)
    functions.check_function(function, service or "", municipality.service_titles)
    group = functions.group_of(municipality.ins_code, function, service)
    if group not in user.getGroups():
        raise PeopleInputRefused(
            _(
                "error_no_such_function",
                default="${login} does not have this function.",
                mapping={"login": login},
            )
        )
    api.group.remove_user(groupname=group, username=user.getId())
    log.record(municipality, "revoke", user.getId(), describe(function, service, municipality))


def _refuse_if_disabled(municipality, user) -> None:
    if user.getId() in scope.disabled_records(municipality):
        raise PeopleInputRefused(
            _(
                "error_user_disabled",
                default="${login} is disabled: re-enable the account first.",
                mapping={"login": user.getId()},
            )
        )


def _direct_municipal_groups(user, ins_code: str) -> list[str]:
    groups_tool = api.portal.get_tool("portal_groups")
    prefix = f"{ins_code}_"
    return sorted(
        group
        for group in groups_tool.getGroupsForPrincipal(user)
        if group.startswith(prefix) and user.getId() in groups_tool.getGroupMembers(group)
    )


def _drop_reset_requests(user_id: str) -> None:
    reset_tool = api.portal.get_tool("portal_password_reset")
    pending = [key for key, (userid, _expiry) in reset_tool._requests.items() if userid == user_id]
    for key in pending:
        del reset_tool._requests[key]
    if pending:
        reset_tool._p_changed = True


def disable(municipality, login: str) -> None:
    user = scope.user_of(municipality, login)
    scope.check_not_self(user)
    _refuse_if_disabled(municipality, user)
    user_id = user.getId()
    groups = _direct_municipal_groups(user, municipality.ins_code)
    for group in groups:
        api.group.remove_user(groupname=group, username=user_id)
    email = user.getProperty("email") or ""
    records = scope.disabled_records(municipality, create=True)
    records[user_id] = PersistentMapping({"groups": groups, "email": email})
    api.portal.get_tool("acl_users").userSetPassword(user_id, _random_password())
    _drop_reset_requests(user_id)
    user.setMemberProperties({"email": ""})
    open_sessions.end_sessions(user_id)
    log.record(municipality, "disable", user_id, ", ".join(groups))


def enable(municipality, login: str) -> None:
    user = scope.user_of(municipality, login)
    user_id = user.getId()
    records = scope.disabled_records(municipality)
    if user_id not in records:
        raise PeopleInputRefused(
            _(
                "error_user_not_disabled",
                default="${login} is not disabled.",
                mapping={"login": login},
            )
        )
    kept = records[user_id]
    restored = [group for group in kept["groups"] if api.group.get(groupname=group) is not None]
    staff = naming.staff_group(municipality.ins_code)
    for group in restored or [staff]:
        api.group.add_user(groupname=group, username=user_id)
    user.setMemberProperties({"email": kept["email"]})
    del records[user_id]
    log.record(municipality, "enable", user_id, ", ".join(restored))
    if kept["email"]:
        send_password_mail(user, municipality)


def refusal_if_taken(login: str):
    """Why ``login`` cannot be created, or None (used by the import's dry run)."""
    if api.user.get(username=login) is not None:
        return _(
            "error_login_taken",
            default="The login ${login} is already used.",
            mapping={"login": login},
        )
    return None


__all__ = ["PeopleRefused", "create_user", "disable", "enable", "grant", "revoke"]
