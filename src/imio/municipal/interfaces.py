"""Marker interfaces of imio.municipal."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IImioMunicipalLayer(IDefaultBrowserLayer):
    """Browser layer installed by the default profile."""


class IMunicipality(Interface):
    """A municipality of the platform (a navigation root)."""


class IMunicipalFolder(Interface):
    """One of the sub-folders created inside every municipality."""


class ISharedProjectsFolder(Interface):
    """The site-level folder that holds the inter-municipal projects."""


class IServiceRouted(Interface):
    """Content routed to a service: has `responsible_service`, maybe `assigned_agent`.

    A borg.localrole adapter gives that service's groups their roles on it.
    """


class IDossier(IServiceRouted):
    """A case file of a municipal service."""


class IDossierFolder(IMunicipalFolder):
    """The `dossiers` folder of a municipality."""


class IAct(IServiceRouted):
    """A deliberation, decision, order, regulation or police ordinance."""


class IActRegister(IMunicipalFolder):
    """The `actes` folder of a municipality: the register of acts."""


class IInvestmentPlan(IServiceRouted):
    """A PIC investment plan of one programming period."""


class IInvestment(Interface):
    """An investment sheet of a PIC plan."""


class ISharedProject(Interface):
    """A project run by several municipalities (lead and partners)."""


class IPublicationFolder(IMunicipalFolder):
    """A municipality's `publications` folder, or one of its year/body sections."""


class IPublicVersion(Interface):
    """The frozen, masked public version of a published act (anonymous-visible)."""
