"""REST: each participant's secretariat attaches its council's approving act.

``POST <project>/@approving-act`` with ``{"act": "<UID of the act>"}``
attaches it (replacing the one its municipality attached before);
``GET <project>/@approving-act`` tells, per participant, which act is
attached and whether it counts. Both answer the same summary.
"""

from imio.municipal.acts import approving as approving_acts
from imio.municipal.platform.services.body import json_write
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.projects import rules as rules
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate


def summary(project) -> dict:
    acts = project.approving_act_objects()
    facts = project.approvals()
    participants = []
    for code in project.participants():
        act = acts.get(code)
        participants.append(
            {
                "ins_code": code,
                "act": None
                if act is None
                else {
                    "UID": api.content.get_uuid(act),
                    "number": act.number,
                    "review_state": api.content.get_state(act, default=None),
                },
                "approves": code in facts and rules.act_approves(facts[code]),
            }
        )
    return {"participants": participants, "missing": project.missing_approvals()}


class ApprovingActGet(Service):
    def reply(self):
        return summary(self.context)


class ApprovingActPost(Service):
    def reply(self):
        data = json_write(self.request)
        uid = data.get("act")
        if not uid or not isinstance(uid, str):
            raise BadRequest('Give the act to attach: {"act": "<UID of the act>"}.')
        # Unrestricted: attach() refuses an act the user may not view with a
        # 400 that says what to choose, not a 401 on the project.
        act = uuidToObject(uid, unrestricted=True)
        try:
            approving_acts.attach(self.context, act)
        except MunicipalValidationError as error:
            raise BadRequest(translate(error.message, context=self.request)) from None
        return summary(self.context)
