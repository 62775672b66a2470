"""Folders inside a shared project follow the project, not Plone's default workflow.

A Folder has the site's default workflow (private to its owner); inside a
shared project that would hide a partner's document folder from the other
participants. There it has no workflow of its own and acquires the
project's permissions, like File and Image do everywhere.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from imio.municipal.interfaces import ISharedProject
from plone.app.contenttypes.interfaces import IFolder
from plone.base.interfaces import IWorkflowChain
from Products.CMFCore.interfaces import IWorkflowTool
from Products.CMFPlone.workflow import ToolWorkflowChain
from zope.component import adapter
from zope.interface import implementer


def in_shared_project(obj) -> bool:
    return any(ISharedProject.providedBy(item) for item in aq_chain(aq_inner(obj))[1:])


@adapter(IFolder, IWorkflowTool)
@implementer(IWorkflowChain)
def folder_workflow_chain(context, workflow_tool):
    if in_shared_project(context):
        return ()
    return ToolWorkflowChain(context, workflow_tool)
