"""``POST <obj>/@workflow/<transition>`` that says why a transition is not
available, in the user's language, instead of CMFCore's English « No
workflow provides the '…' action. ».

Refusals with a reason computed by the product (a missing PDF, an undecided
item…) come from its BeforeTransition subscribers and reach plone.restapi's
answer unchanged; this only covers transitions the state or the user's
roles do not offer at all.
"""

from imio.municipal import _
from plone import api
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.i18n import translate


class ExplainedWorkflowTransition(WorkflowTransition):
    def reply(self):
        reason = self.unavailable_reason()
        if reason is None:
            return super().reply()
        self.request.response.setStatus(400)
        return {
            "error": {
                "type": "WorkflowException",
                "message": translate(reason, context=self.request),
            }
        }

    def unavailable_reason(self):
        """Why `self.transition` cannot be taken here, None when it can (or
        when plone.restapi answers it already: no transition given)."""
        if not self.transition:
            return None
        workflow_tool = api.portal.get_tool("portal_workflow")
        offered = {action["id"] for action in workflow_tool.listActionInfos(object=self.context)}
        if self.transition in offered:
            return None
        workflows = workflow_tool.getWorkflowsFor(self.context)
        if not workflows:
            return None
        workflow = workflows[0]
        state_id = api.content.get_state(self.context)
        state = workflow.states.get(state_id)
        state_title = translate(
            state.title if state is not None else state_id, domain="plone", context=self.request
        )
        transition = workflow.transitions.get(self.transition)
        if transition is None:
            return _(
                "error_transition_unknown",
                default="« ${transition} » is not a transition of this item.",
                mapping={"transition": self.transition},
            )
        title = translate(transition.title or self.transition, domain="plone", context=self.request)
        if state is None or self.transition not in state.transitions:
            return _(
                "error_transition_not_from_state",
                default="« ${transition} » is not possible in the state « ${state} ».",
                mapping={"transition": title, "state": state_title},
            )
        return _(
            "error_transition_not_allowed",
            default="« ${transition} » is not allowed for you in the state « ${state} ».",
            mapping={"transition": title, "state": state_title},
        )
