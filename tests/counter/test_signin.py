"""Citizen sign-in through the local OpenID Connect provider: each known trap
of the stock plugin is closed."""

from imio.municipal.counter.citizens import citizen_id
from imio.municipal.counter.citizens import CITIZENS_GROUP
from imio.municipal.demo.builders import build_dossier
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import requests
import transaction


def _user(user_id):
    transaction.begin()
    return api.user.get(userid=user_id)


def test_a_citizen_signs_in_as_a_citizen_linked_by_his_niss(sign_in):
    browser = sign_in("marie.lambert")
    assert "__ac" in browser.cookies
    user = _user(citizen_id("marie.lambert"))
    assert user.getProperty("niss") == "78051212326"
    assert user.getProperty("email") == "marie.lambert@example.be"
    assert set(user.getRoles()) == {"Authenticated", "Citizen"}
    assert CITIZENS_GROUP in user.getGroups()


def test_a_callback_from_another_browser_is_refused(sign_in, server_url):
    """Login CSRF: the attacker's code and state, opened by the victim."""
    attacker = sign_in.authorize(sign_in.start(), "luc.renard")
    victim = requests.Session()
    answer = sign_in.finish(attacker, browser=victim)
    assert answer.status_code == 403
    assert "__ac" not in victim.cookies
    assert "connexion n'a pas pu être vérifiée" in answer.text
    # Even a victim who started a sign-in of his own.
    victim_flow = type(sign_in)(server_url, sign_in.provider)
    victim_flow.start()
    assert sign_in.finish(attacker, browser=victim_flow.browser).status_code == 403
    assert _user(citizen_id("luc.renard")) is None


def test_a_callback_serves_once(sign_in):
    callback = sign_in.authorize(sign_in.start(), "luc.renard")
    assert sign_in.finish(callback).status_code == 302
    sign_in.browser.cookies.clear()
    assert sign_in.finish(callback).status_code == 403


def test_an_id_token_with_another_nonce_is_refused(sign_in):
    authorize = urlsplit(sign_in.start())
    query = {key: values[0] for key, values in parse_qs(authorize.query).items()}
    assert query["state"] and query["nonce"]
    query["nonce"] = "attacker-nonce"
    tampered = urlunsplit(authorize._replace(query=urlencode(query)))
    answer = sign_in.finish(sign_in.authorize(tampered, "luc.renard"))
    assert answer.status_code == 403
    assert "__ac" not in sign_in.browser.cookies


def test_a_subject_equal_to_a_staff_login_gets_a_citizen_account(sign_in):
    """Account takeover: the provider names its subject after a staff login."""
    sign_in.put_user(
        "namur-secretaire",
        {"national_register_number": "65093027163", "email": "evil@example.be"},
    )
    sign_in("namur-secretaire")
    staff = _user("namur-secretaire")
    assert staff.getProperty("email") != "evil@example.be"
    assert "Citizen" not in staff.getRoles()
    citizen = api.user.get(userid=citizen_id("namur-secretaire"))
    assert set(citizen.getRoles()) == {"Authenticated", "Citizen"}


def test_an_account_not_made_by_the_sign_in_is_never_taken_over(sign_in, functional_portal):
    user_id = citizen_id("luc.renard")
    api.user.create(username=user_id, email="staff@example.be", password="a-Strong-pass-123")
    transaction.commit()
    answer = sign_in.finish(sign_in.authorize(sign_in.start(), "luc.renard"))
    assert answer.status_code == 403
    assert "__ac" not in sign_in.browser.cookies


def test_groups_claimed_by_the_provider_are_ignored(sign_in):
    """create_groups stays off: a claim never makes an administrator."""
    sign_in.put_user(
        "intruder",
        {
            "national_register_number": "65093027163",
            "groups": ["Administrators", "Site Administrators", "namur_urbanisme_editors"],
        },
    )
    sign_in("intruder")
    user = _user(citizen_id("intruder"))
    assert user.getGroups() == [CITIZENS_GROUP] or set(user.getGroups()) <= {
        CITIZENS_GROUP,
        "AuthenticatedUsers",
    }
    assert set(user.getRoles()) == {"Authenticated", "Citizen"}


def test_a_citizen_never_uses_a_staff_role_however_granted(sign_in, functional_portal):
    sign_in("marie.lambert")
    transaction.begin()
    user_id = citizen_id("marie.lambert")
    dossier = build_dossier(functional_portal)
    api.group.add_user(groupname="Site Administrators", username=user_id)
    editors = [g for g in api.group.get_groups() if g.getId().endswith("_urbanisme_editors")]
    assert editors
    for group in editors:
        api.group.add_user(group=group, username=user_id)
    api.user.grant_roles(username=user_id, roles=["Manager"])
    dossier.manage_setLocalRoles(user_id, ["ServiceEditor", "Owner", "Manager"])
    dossier.reindexObjectSecurity()
    user = api.user.get(userid=user_id)
    assert set(user.getRoles()) == {"Authenticated", "Citizen"}
    assert set(user.getRolesInContext(dossier)) == {"Authenticated", "Citizen"}
    for permission in ("View", "Modify portal content", "Manage portal"):
        assert not api.user.has_permission(permission, user=user, obj=dossier), permission
    with api.env.adopt_user(user=user):
        found = api.content.find(portal_type="Dossier", UID=dossier.UID())
    assert len(found) == 0


def test_a_provider_without_a_valid_niss_is_refused(sign_in):
    sign_in.put_user("no-niss", {"national_register_number": "85073003329"})
    answer = sign_in.finish(sign_in.authorize(sign_in.start(), "no-niss"))
    assert answer.status_code == 403
    assert "registre national" in answer.text
    assert _user(citizen_id("no-niss")) is None


def test_staff_keep_the_login_form(functional, server_url, oidc):
    """The plugin's challenge is off: an anonymous visitor of a protected
    page reaches Plone's login form, never the citizens' provider."""
    answer = requests.get(f"{server_url}/namur/dossiers", allow_redirects=False)
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(f"{server_url}/acl_users/credentials_cookie_auth/require_login")
    assert oidc.issuer not in requests.get(location).url
