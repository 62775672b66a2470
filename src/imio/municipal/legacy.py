"""Dotted paths of the previous layout that persistent objects still name.

Databases made before the move to one package per capability pickle their
content, the dossier queue index and the reference counters under the old
module paths, and their type information names the old classes and schemas.
Until ``zodbupdate`` has rewritten them (see ``renames.py``) and the upgrade
step has reimported the types, importing an old path gives the new module.
Only these modules are aliased: code must use the new paths. Plone-free.
"""

from importlib.abc import Loader
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec

import importlib
import sys


MOVED_MODULES = {
    "imio.municipal.content.act": "imio.municipal.acts.content",
    "imio.municipal.content.approving_acts": "imio.municipal.acts.approving",
    "imio.municipal.content.dossier": "imio.municipal.dossiers.content",
    "imio.municipal.content.folders": "imio.municipal.platform.folders",
    "imio.municipal.content.municipality": "imio.municipal.platform.municipality",
    "imio.municipal.content.pic": "imio.municipal.pic.content",
    "imio.municipal.content.public_version": "imio.municipal.publication.public_version",
    "imio.municipal.content.shared_project": "imio.municipal.projects.content",
    "imio.municipal.numbering": "imio.municipal.platform.numbering",
    "imio.municipal.queues.catalog_index": "imio.municipal.dossiers.queue.catalog_index",
    "imio.municipal.queues.deadline_queue": "imio.municipal.dossiers.queue.deadline_queue",
}
# the old packages that held them, empty now
OLD_PACKAGES = {name.rsplit(".", 1)[0] for name in MOVED_MODULES} - {"imio.municipal"}


class _Alias(Loader):
    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        if self.target is None:
            return None
        return importlib.import_module(self.target)

    def exec_module(self, module):
        if self.target is None:
            module.__path__ = []


class MovedModuleFinder(MetaPathFinder):
    """Resolve an old dotted path to the module that lives at its new one."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED_MODULES:
            return ModuleSpec(fullname, _Alias(MOVED_MODULES[fullname]))
        if fullname in OLD_PACKAGES:
            return ModuleSpec(fullname, _Alias(None), is_package=True)
        return None


def install():
    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(MovedModuleFinder())
