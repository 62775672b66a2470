"""Databases of the previous layout keep loading: old class paths resolve."""

from imio.municipal import legacy
from imio.municipal.renames import RENAMES
from zope.interface.interface import InterfaceClass

import importlib
import pickle
import pytest


def test_an_old_module_path_is_the_new_module():
    old = importlib.import_module("imio.municipal.content.act")
    new = importlib.import_module("imio.municipal.acts.content")
    assert old is new


def test_a_pickle_naming_an_old_class_loads_the_new_class():
    from imio.municipal.dossiers.content import Dossier

    assert pickle.loads(b"cimio.municipal.content.dossier\nDossier\n.") is Dossier


def test_only_the_modules_of_persistent_classes_are_aliased():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("imio.municipal.browser.act")


@pytest.mark.parametrize("old, new", sorted(RENAMES.items()))
def test_every_rename_names_an_existing_class_of_an_aliased_module(old, new):
    old_module, old_name = old.split()
    new_module, new_name = new.split()
    assert legacy.MOVED_MODULES[old_module] == new_module
    assert old_name == new_name
    assert isinstance(
        getattr(importlib.import_module(new_module), new_name), (type, InterfaceClass)
    )
