"""The plugin's REST sign-in (``@login-oidc``, made for Volto) is closed.

Its POST logs in whoever the provider names, without checking the state or
the nonce, with the provider's subject as the Plone user id (a subject equal to
a staff login would be that staff member) and without the citizens' group.
Citizens sign in through the plugin's ``login`` and ``callback`` pages, which
the product replaces with checked ones (``signin_session``, ``signin``).
"""

from imio.municipal import _
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


CLOSED = _(
    "refusal_citizen_rest_signin_closed",
    default="Citizens sign in from the e-counter's pages, not through this service.",
)


@implementer(IPublishTraverse)
class SignInServiceClosed(Service):
    def publishTraverse(self, request, name):
        # ``@login-oidc/<provider>``: whatever the provider, the answer is the same.
        return self

    def reply(self):
        self.request.response.setStatus(404)
        return {"error": {"type": "NotFound", "message": translate(CLOSED, context=self.request)}}
