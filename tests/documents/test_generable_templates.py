"""The templates offered on an object are the same when those made for
another type are skipped unloaded (issue 23)."""

from Acquisition import aq_base
from collective.documentgenerator.adapters import GenerablePODTemplatesAdapter
from collective.documentgenerator.interfaces import IGenerablePODTemplates
from imio.municipal.documents import generable
from imio.municipal.documents.definitions import FOLDER_ID
from imio.municipal.documents.definitions import SPECS


def offered(adapter) -> list[str]:
    return [template.getId() for template in adapter.get_generable_templates()]


def test_a_case_file_and_an_act_are_offered_what_every_template_says(portal):
    dossier = portal["namur"]["dossiers"].objectValues()[0]
    act = portal["namur"]["actes"].objectValues()[0]
    for obj in (dossier, act):
        adapter = IGenerablePODTemplates(obj)
        assert isinstance(adapter, generable.MunicipalGenerableTemplates)
        assert offered(adapter) == offered(GenerablePODTemplatesAdapter(obj))


def test_templates_for_another_type_are_not_loaded(portal, monkeypatch):
    dossier = portal["namur"]["dossiers"].objectValues()[0]
    loaded = []
    cls = type(aq_base(dossier))
    original = cls.unrestrictedTraverse

    def traverse(self, path, *args, **kwargs):
        loaded.append(path.rsplit("/", 1)[-1])
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(cls, "unrestrictedTraverse", traverse)
    IGenerablePODTemplates(dossier).get_all_pod_templates()
    assert loaded, "the case file's own templates are still looked at"
    assert all(SPECS[name].portal_type == "Dossier" for name in loaded if name in SPECS)
    act_templates = {name for name, spec in SPECS.items() if spec.portal_type == "Act"}
    assert act_templates and not act_templates & set(loaded)


class Entry:
    """A catalog entry as the adapter reads it: its path only."""

    def __init__(self, path):
        self.path = path

    def getPath(self):
        return self.path


def test_only_the_products_templates_for_another_type_are_skipped():
    act_template = next(name for name, spec in SPECS.items() if spec.portal_type == "Act")
    case_template = next(name for name, spec in SPECS.items() if spec.portal_type == "Dossier")
    skipped = generable.made_for_another_type
    assert skipped(Entry(f"/plone/{FOLDER_ID}/{act_template}"), "Dossier")
    assert not skipped(Entry(f"/plone/{FOLDER_ID}/{case_template}"), "Dossier")
    # A template an admin adds, in our folder or elsewhere, is still asked.
    assert not skipped(Entry(f"/plone/{FOLDER_ID}/permit-letter"), "Dossier")
    assert not skipped(Entry(f"/plone/namur/{act_template}"), "Dossier")
