"""The start of a citizen's sign-in, with its state kept in a sealed cookie.

The stock plugin keeps the state, nonce and PKCE verifier in an ``__ac_session``
cookie that is plain base64 JSON, readable by the page's scripts, sent over
plain http and rewritable by anyone. The product's sign-in keeps the plugin's
``Session`` interface (``get``/``set``) but seals the value (see
``signin_cookie``) and flags the cookie: HttpOnly, SameSite=Lax (the
provider's redirect back is a top-level GET, which Lax lets through), Secure
when the site is served over https (on the plain-http local demo a Secure
cookie would never come back), and a path limited to the plugin.
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.counter.signin_cookie import MAX_AGE
from imio.municipal.counter.signin_cookie import seal
from imio.municipal.counter.signin_cookie import unseal
from oic import rndstr
from oic.exception import PyoidcError
from pas.plugins.oidc.plugins import OAuth2ConnectionException
from pas.plugins.oidc.session import Session
from pas.plugins.oidc.utils import authorization_flow_args
from plone import api
from plone.keyring.interfaces import IKeyManager
from Products.Five.browser import BrowserView
from zope.component import getUtility


PROVIDER_UNREACHABLE = _(
    "refusal_citizen_provider_unreachable",
    default="The identity provider cannot be reached at the moment. Please try again later.",
)
# The site's own secrets (plone.keyring), rotated with the rest of the site's.
RING = "_system"


def cookie_options(request, path: str) -> dict:
    options = {"path": path, "http_only": True, "same_site": "Lax"}
    # SERVER_URL is the URL as the browser sees it (virtual hosting included).
    if request.get("SERVER_URL", "").startswith("https://"):
        options["secure"] = True
    return options


class SealedSession(Session):
    """The plugin's session API over a sealed, flagged cookie."""

    def __init__(self, request, plugin):
        self.request = request
        self.use_session_data_manager = False
        self.path = plugin.absolute_url_path()
        keys = getUtility(IKeyManager)[RING]
        raw = request.cookies.get(self.session_cookie_name, "")
        self._session = unseal(raw, [key.encode("utf-8") for key in keys if key]) or {}

    def set(self, name, value):
        if self.get(name) == value:
            return
        self._session[name] = value
        secret = getUtility(IKeyManager).secret(RING).encode("utf-8")
        self.request.response.setCookie(
            self.session_cookie_name,
            seal(self._session, secret),
            max_age=MAX_AGE,
            **cookie_options(self.request, self.path),
        )

    def forget(self):
        """The state serves once: the browser drops it."""
        self._session = {}
        self.request.response.expireCookie(
            self.session_cookie_name, **cookie_options(self.request, self.path)
        )


def start_session(plugin, request) -> SealedSession:
    """A new sign-in's state: fresh state and nonce, PKCE verifier, came_from."""
    session = SealedSession(request, plugin)
    session.set("state", rndstr())
    session.set("nonce", rndstr())
    came_from = request.get("came_from")
    if came_from:
        session.set("came_from", came_from)
    if plugin.getProperty("use_pkce"):
        session.set("verifier", rndstr(128))
    return session


class SignInStartView(BrowserView):
    """Sends the citizen to the identity provider."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        session = start_session(self.context, self.request)
        try:
            client = self.context.get_oauth2_client()
            authorization = client.construct_AuthorizationRequest(
                request_args=authorization_flow_args(self.context, session)
            )
            response.redirect(authorization.request(client.authorization_endpoint))
        except (OAuth2ConnectionException, PyoidcError) as error:
            logger.warning("Citizen sign-in could not start: %s", error)
            session.forget()
            api.portal.show_message(PROVIDER_UNREACHABLE, request=self.request, type="error")
            response.redirect(api.portal.get().absolute_url())
        return ""
