"""The 1013 upgrade gives an existing site's public pages the content-coding
ETag component, keeping the other components."""

from imio.municipal.upgrades import v1013_open_data
from plone import api


def test_upgrade_adds_the_content_coding_component_once(portal):
    before = ("catalogCounter", "userLanguage")
    api.portal.set_registry_record(v1013_open_data.ETAGS, before)

    v1013_open_data.upgrade(None)
    v1013_open_data.upgrade(None)

    etags = api.portal.get_registry_record(v1013_open_data.ETAGS)
    assert tuple(etags) == (*before, "imio.municipal.contentCoding")


def test_a_new_site_has_the_component(portal):
    etags = api.portal.get_registry_record(v1013_open_data.ETAGS)
    assert "imio.municipal.contentCoding" in etags
