"""The form of a session's transitions (the comment and the refusal's reason)."""

from imio.municipal.platform.browser.transition import TransitionView


class SessionTransitionView(TransitionView):
    comment_required_for = frozenset({"back_to_preparation"})

    def form_action(self) -> str:
        return f"{self.context.absolute_url()}/@@session-transition"
