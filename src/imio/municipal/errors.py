"""The refusals of the product: one base class for all of them (Plone-free).

A refusal is the product declining a request for a reason the user can act
on: unknown codes, malformed input, a state that does not allow it, a rule of
law. Every exception the product raises to refuse derives from
:class:`MunicipalRefusal`, so REST and the browser translate all of them the
same way: REST answers the refusal's ``status`` (400 unless said otherwise)
with its reason in the user's language, never a 500; a view shows the reason.

>>> issubclass(InvalidInput, ValueError), InvalidInput("bad").status
(True, 400)
>>> MunicipalRefusal("Not now").reason()
'Not now'
"""


class MunicipalRefusal(Exception):
    """Base of every refusal. ``message``, when a subclass sets it, is the
    (translatable) reason; otherwise the exception's text is."""

    status = 400

    def reason(self):
        message = self.__dict__.get("message")
        return message if message is not None else str(self)


class InvalidInput(MunicipalRefusal, ValueError):
    """Input the product does not accept: unknown codes, malformed data."""


class StateRefusal(MunicipalRefusal):
    """Something the current state of the object does not allow."""


class NotAllowed(MunicipalRefusal):
    """The user may not do this, whatever the input."""

    status = 403
