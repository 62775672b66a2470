"""A citizen's own request, found by the NISS of his account.

Citizens hold no permission on case files: the counter finds a file by its
UID *and* the NISS of the signed-in citizen, so that another citizen's file
is simply not found (its existence is not revealed either).
"""

from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.errors import StateRefusal
from plone import api


class UnknownRequest(MunicipalRefusal):
    status = 404

    def __init__(self, uid: str):
        super().__init__(f"no request {uid!r} of this citizen")
        self.message = _(
            "refusal_unknown_citizen_request",
            default="None of your requests has this number.",
        )


class NotNow(StateRefusal):
    """What the state of the request does not allow (a message to translate)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def own_request(user, uid: str):
    """The case file ``uid`` if ``user`` is one of its applicants."""
    niss = user.getProperty("niss")
    if not uid or not isinstance(uid, str) or not niss:
        raise UnknownRequest(str(uid))
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=uid, portal_type="Dossier", applicant_niss=niss
    )
    if len(brains) != 1:
        raise UnknownRequest(uid)
    return brains[0]._unrestrictedGetObject()
