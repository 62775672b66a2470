"""The catalog of acts: found by number and state after adoption, and the
shortcuts (no acquisition for missing names, only the changed indexes
reindexed at a transition) give exactly what Plone's full way gives."""

from datetime import date
from email import message_from_bytes
from imio.municipal.acts.catalog import ActIndexableWrapper
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.dossiers.notifications import group_users
from imio.municipal.platform import naming
from plone import api
from plone.indexer.interfaces import IIndexableObject
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.image_scales.indexer import image_scales as plone_image_scales
from zope.component import queryMultiAdapter

import Missing
import pytest


HEAD, SECRETARY = "namur-chef-finances", "namur-secretaire"
SESSION = date(2026, 10, 26)


def catalog_data(act) -> tuple[dict, dict]:
    """What the catalog holds for the act: every index's entry and the metadata record."""
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog.getrid("/".join(act.getPhysicalPath()))
    assert rid is not None
    return catalog.getIndexDataForRID(rid), catalog.getMetadataForRID(rid)


def full_reindex_data(act) -> tuple[dict, dict]:
    """The same after a full reindex the way Plone does it (its own wrapper,
    every index), without touching the modification date."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(act.getPhysicalPath())
    catalog._catalog.catalogObject(IndexableObjectWrapper(act, catalog), path)
    return catalog_data(act)


def validated_act(portal, **fields):
    fields.setdefault("session_date", SESSION)
    act = build_act(portal, **fields)
    do_transition(act, HEAD, "propose")
    do_transition(act, SECRETARY, "validate")
    return act


def test_acts_are_cataloged_through_their_own_wrapper(portal):
    act = validated_act(portal, title="Convention")
    catalog = api.portal.get_tool("portal_catalog")
    assert type(queryMultiAdapter((act, catalog), IIndexableObject)) is ActIndexableWrapper
    # Other content keeps Plone's.
    folder = portal["namur"]
    assert type(queryMultiAdapter((folder, catalog), IIndexableObject)) is IndexableObjectWrapper


def test_the_act_wrapper_catalogs_what_plone_s_wrapper_does(portal):
    act = validated_act(portal, title="Règlement-taxe sur les mâts d'éoliennes")
    do_transition(act, SECRETARY, "adopt")
    ours = catalog_data(act)
    plone = full_reindex_data(act)
    assert ours == plone
    indexes, metadata = ours
    # The case file's names stay empty on an act (not acquired from the site
    # or the municipality), its own are there.
    assert metadata["reference"] is Missing.Value
    assert metadata["current_deadline"] is Missing.Value
    assert metadata["image_scales"] is Missing.Value
    # What Plone's own indexer finds on an act: no image scales either.
    with pytest.raises(AttributeError):
        plone_image_scales.callable(act)
    assert metadata["number"] == act.number
    assert indexes["number"] == act.number
    assert not indexes.get("reference")


@pytest.mark.parametrize(
    ("matter", "path", "end_state"),
    [
        ("other", ["adopt", "declare_executory"], "executory"),
        ("public_procurement", ["adopt", "transmit"], "executory"),
        ("tax_regulation", ["adopt", "transmit"], "transmitted"),
        ("other", ["refuse"], "refused"),
        ("other", ["postpone"], "postponed"),
    ],
)
def test_each_transition_reindexes_all_it_changes(portal, matter, path, end_state):
    act = validated_act(portal, matter=matter, title=f"Acte {matter} {'-'.join(path)}")
    for transition in path:
        if transition == "transmit":
            store_deliberation(act)
        modified = act.modified()
        comment = "Décision de la séance" if transition in ("refuse", "postpone") else ""
        do_transition(act, SECRETARY, transition, comment=comment)
        after_transition = catalog_data(act)
        assert after_transition == full_reindex_data(act), transition
        assert act.modified() >= modified
        assert after_transition[0]["modified"] == full_reindex_data(act)[0]["modified"]
    assert api.content.get_state(act) == end_state


def test_an_adopted_act_is_found_by_number_and_state(portal):
    act = validated_act(portal, title="Convention de partenariat culturel")
    before = act.modified()
    do_transition(act, SECRETARY, "adopt")
    assert act.number
    assert act.modified() >= before
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(number=act.number, review_state="adopted")
    assert [brain.getPath() for brain in brains] == ["/".join(act.getPhysicalPath())]
    brain = brains[0]
    assert brain.number == act.number
    assert brain.review_state == "adopted"
    assert brain.modified == act.modified()
    assert brain.tutelle_regime == act.tutelle_regime
    # The register's search box finds it by number, the validated list no longer.
    found = catalog.unrestrictedSearchResults(SearchableText=act.number.replace("/", " "))
    assert "/".join(act.getPhysicalPath()) in [b.getPath() for b in found]
    still_validated = catalog.unrestrictedSearchResults(
        portal_type="Act", review_state="validated", number=act.number
    )
    assert len(still_validated) == 0


def test_group_members_are_those_plone_api_gives(portal):
    """The next actors' groups read from the group source: the same members
    (users and a group put in it), none for an unknown group."""
    secretaries = naming.secretaries_group(portal["namur"].ins_code)
    api.group.add_user(groupname=secretaries, username="namur-agent-finances")
    editors = naming.editors_group(portal["namur"].ins_code, "finances")
    api.portal.get_tool("portal_groups").addPrincipalToGroup(editors, secretaries)
    ours = group_users(secretaries)
    theirs = api.user.get_users(groupname=secretaries)
    assert sorted(member.getId() for member in ours) == sorted(m.getId() for m in theirs)
    assert "namur-agent-finances" in {member.getId() for member in ours}
    assert editors in {member.getId() for member in ours}
    assert group_users("no-such-group") == []


def test_adoption_mails_the_secretaries(portal):
    act = validated_act(portal, title="Convention avec l'ASBL Les Tilleuls")
    mailhost = api.portal.get_tool("MailHost")
    mailhost.reset()
    do_transition(act, SECRETARY, "adopt")
    sent = [m if not isinstance(m, bytes) else message_from_bytes(m) for m in mailhost.messages]
    secretaries = group_users(naming.secretaries_group(portal["namur"].ins_code))
    assert sorted(m["To"] for m in sent) == sorted(
        user.getProperty("email") for user in secretaries if user.getProperty("email")
    )
    assert all(act.number in str(m["Subject"]) for m in sent)
