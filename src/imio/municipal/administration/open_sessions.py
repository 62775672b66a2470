"""Disabling a person ends his open sessions at once.

A browser session is a cookie signed by plone.session; a REST session is a
token signed by plone.restapi. Both are checked by their signature only, so
without more a session opened before disabling would live on until it
expires. The platform turns on the options these libraries have for it:

- a keyring per user for the cookies: disabling rotates the person's
  keyring, so a cookie signed before no longer validates;
- stored tokens for REST: disabling drops the person's tokens.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from zope.component import getUtility


SESSION_PLUGIN = "session"
JWT_PLUGIN = "jwt_auth"


def _plugin(plugin_id: str):
    return getattr(api.portal.get_tool("acl_users"), plugin_id, None)


def configure() -> None:
    """Turn on the per-user keyring and the stored tokens (idempotent)."""
    session = _plugin(SESSION_PLUGIN)
    if session is not None and not session.getProperty("per_user_keyring"):
        session.per_user_keyring = True  # read-only property: set as its toggle does
    tokens = _plugin(JWT_PLUGIN)
    if tokens is not None and not tokens.store_tokens:
        tokens.store_tokens = True
        if tokens._tokens is None:
            tokens._tokens = OOBTree()


def _new_keyring(manager, ring: str) -> None:
    manager[ring] = Keyring(1)
    manager[ring].fill()


def give_every_user_a_keyring() -> int:
    """For a site that had no per-user keyrings: cookies signed with the
    platform's keyring end (everyone logs in once more), and logging out
    finds the keyring it rotates. Returns how many were created."""
    session = _plugin(SESSION_PLUGIN)
    if session is None:
        return 0
    manager = getUtility(IKeyManager)
    created = 0
    for user_id in api.portal.get_tool("acl_users").source_users.getUserIds():
        ring = session._getSecretKey(user_id)
        if ring not in manager:
            _new_keyring(manager, ring)
            created += 1
    return created


def end_sessions(user_id: str) -> None:
    """Invalidate every cookie and token issued to ``user_id`` so far."""
    session = _plugin(SESSION_PLUGIN)
    if session is not None:
        manager = getUtility(IKeyManager)
        ring = session._getSecretKey(user_id)
        if ring in manager:
            manager.clear(ring=ring)
            manager.rotate(ring=ring)
        else:
            # his cookies were signed with the platform's keyring
            _new_keyring(manager, ring)
    tokens = _plugin(JWT_PLUGIN)
    if tokens is not None and tokens._tokens is not None and user_id in tokens._tokens:
        del tokens._tokens[user_id]
