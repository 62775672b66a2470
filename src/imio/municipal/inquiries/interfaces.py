from zope.interface import Interface


class IInquiry(Interface):
    """A public inquiry on a case file."""
