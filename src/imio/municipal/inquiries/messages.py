"""Refusals carrying a translatable reason."""


def refused(cls, message):
    """A refusal of class ``cls`` (a MunicipalRefusal) whose reason is ``message``."""
    refusal = cls(str(message.default) if getattr(message, "default", None) else str(message))
    refusal.message = message
    return refusal
