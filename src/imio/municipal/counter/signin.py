"""The end of a citizen's sign-in: every check the stock callback skips.

The state must be the one this browser's session asked for (no login CSRF),
the ID token's nonce the one sent, the user info is fetched with the
``Authorization`` header (RFC 6750) and must speak of the same subject. The
account id is namespaced (never a staff login), groups never come from claims,
and the account joins the citizens' group only.
"""

from hmac import compare_digest
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.counter.citizens import citizen_id
from imio.municipal.counter.citizens import CITIZENS_GROUP
from imio.municipal.counter.citizens import national_number
from imio.municipal.counter.signin_session import SealedSession
from imio.municipal.errors import NotAllowed
from oic.oic.message import AccessTokenResponse
from oic.oic.message import AuthorizationResponse
from oic.oic.message import OpenIDSchema
from pas.plugins.oidc.plugins import OAuth2ConnectionException
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zope.interface import alsoProvides


REFUSED = _(
    "refusal_citizen_signin",
    default="The sign-in could not be verified. Please start again from the e-counter.",
)
NO_NISS = _(
    "refusal_citizen_no_niss",
    default="Your identity provider gave neither a valid national register number nor a "
    "valid BIS number: the e-counter cannot link your requests to you.",
)
NOT_A_CITIZEN_ACCOUNT = _(
    "refusal_citizen_account_taken",
    default="This identity cannot be used to sign in to the e-counter.",
)


class Refused(NotAllowed):
    def __init__(self, message, detail: str):
        super().__init__(detail)
        self.message = message


def verified_claims(plugin, request) -> dict:
    """The provider's claims about the citizen, once every check passed."""
    session = SealedSession(request, plugin)
    expected_state = session.get("state")
    expected_nonce = session.get("nonce")
    try:
        client = plugin.get_oauth2_client()
    except OAuth2ConnectionException as error:
        raise Refused(REFUSED, "provider unreachable") from error
    answer = client.parse_response(
        AuthorizationResponse, info=request.environ.get("QUERY_STRING", ""), sformat="urlencoded"
    )
    state = answer.get("state") or ""
    if "code" not in answer or not expected_state or not compare_digest(state, expected_state):
        raise Refused(REFUSED, "state does not match this browser's sign-in")
    args = {"code": answer["code"], "redirect_uri": plugin.get_redirect_uris()}
    if plugin.getProperty("use_pkce"):
        args["code_verifier"] = session.get("verifier")
    token = client.do_access_token_request(
        state=state, request_args=args, authn_method="client_secret_basic"
    )
    if not isinstance(token, AccessTokenResponse) or "id_token" not in token:
        raise Refused(REFUSED, f"token refused: {token.to_dict()}")
    id_token = token["id_token"]
    nonce = id_token.get("nonce") or ""
    if not expected_nonce or not compare_digest(nonce, expected_nonce):
        raise Refused(REFUSED, "nonce does not match")
    info = client.do_user_info_request(method="GET", state=state)
    if not isinstance(info, OpenIDSchema) or info.get("sub") != id_token["sub"]:
        raise Refused(REFUSED, "user info missing or about another subject")
    return info.to_dict()


def remember_citizen(plugin, claims: dict) -> str:
    """Create or update the citizen's account; return its id."""
    niss = national_number(claims)
    if niss is None:
        raise Refused(NO_NISS, "no valid national register number")
    user_id = citizen_id(claims["sub"])
    pas = plugin._getPAS()
    user = pas.getUserById(user_id)
    first_login = user is None
    if user is not None:
        # Only an account this sign-in made, for the same person, is reused.
        if CITIZENS_GROUP not in user.getGroups() or user.getProperty("niss") != niss:
            raise Refused(NOT_A_CITIZEN_ACCOUNT, f"{user_id} is not this citizen's account")
    else:
        user = plugin._create_user(user_id)
        api.group.add_user(groupname=CITIZENS_GROUP, username=user_id)
        user = pas.getUserById(user_id)
    plugin._update_user(user, userinfo=claims, first_login=first_login)
    user.setProperties(niss=niss)
    plugin._setup_ticket(user_id)
    return user_id


class CallbackView(BrowserView):
    def __call__(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        # The state, nonce and verifier serve once.
        session = SealedSession(self.request, self.context)
        came_from = session.get("came_from")
        session.forget()
        try:
            user_id = remember_citizen(self.context, verified_claims(self.context, self.request))
        except Refused as refusal:
            logger.warning("Citizen sign-in refused: %s", refusal)
            response.setStatus(403)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(refusal.message, context=self.request)
        logger.info("Citizen %s signed in", user_id)
        portal_url = api.portal.get_tool("portal_url")
        if not (came_from and portal_url.isURLInPortal(came_from)):
            came_from = f"{api.portal.get().absolute_url()}/@@mes-demarches"
        response.redirect(came_from)
        return ""
