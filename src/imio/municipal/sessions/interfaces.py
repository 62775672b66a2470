"""Marker interfaces of the session types."""

from zope.interface import Interface


class ISessionFolder(Interface):
    """The folder of a municipality's sessions and mandates."""


class IMandate(Interface):
    """A mandate in the college or the council."""


class ISession(Interface):
    """A session of the college or the council."""
