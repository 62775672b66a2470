"""Each participant's secretariat attaches its council's approving act.

The Classic UI form (@@approving-act) and the REST service (@approving-act)
both call :func:`attach`; the permission ``imio.municipal: Attach approving
act`` on the project is checked by them, the rest here.
"""

from imio.municipal import _
from imio.municipal.interfaces import IAct
from imio.municipal.platform.groups import secretariats_of_current_user
from imio.municipal.platform.lookup import ins_code_of
from imio.municipal.platform.lookup import municipality_by_ins_code
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.projects import rules as rules
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent


# Acts that can never approve anything (refused by the council, annulled).
DEAD_STATES = frozenset({"refused", "annulled"})


def attachable_municipalities(project) -> list[str]:
    """The participants (INS codes) the current user attaches acts for:
    those whose secretariat they belong to (every one for platform admins)."""
    return secretariats_of_current_user(project.participants())


def candidate_acts(project) -> list:
    """Council acts the user may attach: of their participating municipality,
    that they can view, adopted and still standing, newest first."""
    municipalities = filter(None, map(municipality_by_ins_code, attachable_municipalities(project)))
    paths = ["/".join(m.getPhysicalPath()) for m in municipalities]
    if not paths:
        return []
    brains = api.content.find(
        portal_type="Act",
        body=rules.APPROVING_BODY,
        review_state=sorted(rules.STANDING_ACT_STATES),
        path={"query": paths},
        sort_on="created",
        sort_order="descending",
    )
    return [brain.getObject() for brain in brains]


def attach(project, act) -> None:
    """Attach ``act`` as the approving act of its municipality, replacing the
    one attached before; refuse with a clear reason."""
    # An act one cannot view is, to the user, no act at all (nor says whose).
    if act is None or not IAct.providedBy(act) or not api.user.has_permission("View", obj=act):
        raise MunicipalValidationError(
            _(
                "error_approving_act_not_act",
                default="Choose a deliberation of your own council, from the register of acts.",
            )
        )
    code = ins_code_of(act)
    if code not in project.participants():
        raise MunicipalValidationError(
            _(
                "error_approving_act_not_participant",
                default="This act belongs to a municipality that does not take part in "
                "the project.",
            )
        )
    if code not in attachable_municipalities(project):
        raise MunicipalValidationError(
            _(
                "error_approving_act_not_yours",
                default="Only the secretariat of ${ins_code} attaches its approving act.",
                mapping={"ins_code": code},
            )
        )
    if act.body != rules.APPROVING_BODY:
        raise MunicipalValidationError(
            _(
                "error_approving_act_not_council",
                default="The agreement is approved by the municipal council: choose a "
                "deliberation of the council.",
            )
        )
    if api.content.get_state(act, default="") in DEAD_STATES:
        raise MunicipalValidationError(
            _(
                "error_approving_act_dead",
                default="This act was refused or annulled: it approves nothing.",
            )
        )
    if api.content.get_state(act, default="") not in rules.STANDING_ACT_STATES:
        raise MunicipalValidationError(
            _(
                "error_approving_act_not_adopted",
                default="This act is not adopted (a draft, or postponed): only a deliberation "
                "the council adopted approves the agreement.",
            )
        )
    intids = getUtility(IIntIds)
    kept = [
        relation
        for relation in project.approving_acts or []
        if relation is not None
        and not relation.isBroken()
        and ins_code_of(relation.to_object) != code
    ]
    project.approving_acts = [*kept, RelationValue(intids.getId(act))]
    # Updates the relation catalog and the project's modification date.
    notify(ObjectModifiedEvent(project))
