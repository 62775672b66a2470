"""Disabling a person ends his open sessions at once.

A browser session is a cookie signed by plone.session; a REST session is a
token signed by plone.restapi. Both are checked by their signature only, so
without more a session opened before disabling would live on until it
expires. The platform turns on the options these libraries have for it:

- a keyring per user for the cookies: disabling rotates the person's
  keyring, so a cookie signed before no longer validates;
- stored tokens for REST: disabling drops the person's tokens.
"""

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
        from BTrees.OOBTree import OOBTree

        tokens.store_tokens = True
        if tokens._tokens is None:
            tokens._tokens = OOBTree()


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
            manager[ring] = Keyring(1)
            manager[ring].fill()
    tokens = _plugin(JWT_PLUGIN)
    if tokens is not None and tokens._tokens is not None and user_id in tokens._tokens:
        del tokens._tokens[user_id]
