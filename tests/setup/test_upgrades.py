"""Upgrade steps bring an older site to the current profile version."""

from imio.municipal import PACKAGE_NAME
from imio.municipal.platform.folders import ActRegister
from imio.municipal.platform.folders import DossierFolder
from imio.municipal.platform.folders import MunicipalFolder
from plone import api


PROFILE = f"{PACKAGE_NAME}:default"


def test_a_site_at_1000_is_upgraded_to_the_current_version(portal, setup_tool):
    namur = portal["namur"]
    dossiers = namur["dossiers"]
    # What a 1000 site looked like: sharing followed the site-wide setting,
    # the dossiers folder was a plain municipal folder, the college had no role.
    dossiers.manage_permission("Sharing page: Delegate roles", ["Manager", "Editor"], acquire=1)
    dossiers.__class__ = MunicipalFolder
    namur["actes"].__class__ = MunicipalFolder
    namur["actes"].manage_delLocalRoles(["92094_finances_editors"])
    namur["pic"].manage_delLocalRoles(["92094_finances_editors"])
    namur.manage_delLocalRoles(["92094_college"])
    portal["shared-projects"].manage_delLocalRoles(["92094_secretaries"])
    # 1005 had no documents.
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["document-templates"])
    setup_tool.setLastVersionForProfile(PROFILE, "1000")
    steps = setup_tool.listUpgrades(PROFILE, simple=True)
    assert [step.dest for step in steps] == [
        ("1001",),
        ("1002",),
        ("1003",),
        ("1004",),
        ("1005",),
        ("1006",),
        ("1007",),
        ("1008",),
        ("1009",),  # the dashboard's queue
        ("1009",),  # the outbox's indexes
        ("1010",),  # the product's own roles
        ("1010",),  # certain personal data never released
        ("1010",),  # busy folders without ordering
        ("1010",),  # rich text filter
        ("1010",),  # staff vocabulary
        ("1011",),  # types named after the new packages
        ("1011",),  # catalog: schemas under their new paths
        ("1011",),  # owner's leftovers, frozen act content
        ("1011",),  # mergeable postings, spread queue counters
        ("1012",),  # sessions
        ("1012",),  # the financial director's advice
        ("1012",),  # citizens' sign-in
        ("1012",),  # the steering dashboard
        ("1013",),  # the public face
        ("1013",),  # compressed open data
        ("1013",),  # sent to the head of service
        ("1013",),  # the deliberation's legal basis
        ("1013",),  # the access journal and the DPO
        ("1013",),  # the steering dashboard's date indexes
        ("1013",),  # retention and the processing register
        ("1014",),  # the secretariat's personnel tools
        ("1014",),  # council members read the agenda's acts
        ("1014",),  # data-subject requests
        ("1014",),  # public inquiries
        ("1014",),  # the minutes of the sessions
        ("1014",),  # per-procedure steering indexes
        ("1014",),  # missing pieces from the e-counter
        ("1015",),  # disabling ends open sessions
        ("1015",),  # the inquiry's report
        ("1015",),  # inquiries in the browser
    ]

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1015",)
    dossiers = namur["dossiers"]
    roles = {
        r["name"]
        for r in dossiers.rolesOfPermission("Sharing page: Delegate roles")
        if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}
    assert isinstance(dossiers, DossierFolder)
    assert namur.get_local_roles_for_userid("92094_college") == ("MunicipalCollege",)
    workflow = api.portal.get_tool("portal_workflow")
    assert workflow.getChainForPortalType("Dossier") == ("municipal_dossier_workflow",)
    # 1003: acts
    assert workflow.getChainForPortalType("Act") == ("municipal_act_workflow",)
    assert isinstance(namur["actes"], ActRegister)
    # (the steps give the roles of the current version: MunicipalCreator since 1010)
    assert namur["actes"].get_local_roles_for_userid("92094_finances_editors") == (
        "MunicipalCreator",
    )
    # 1004: PIC plans
    assert workflow.getChainForPortalType("InvestmentPlan") == ("municipal_pic_workflow",)
    assert namur["pic"].get_local_roles_for_userid("92094_finances_editors") == (
        "MunicipalCreator",
    )
    # 1005: shared projects
    assert workflow.getChainForPortalType("SharedProject") == ("municipal_shared_project_workflow",)
    assert portal["shared-projects"].get_local_roles_for_userid("92094_secretaries") == (
        "MunicipalCreator",
    )
    assert "participants" in api.portal.get_tool("portal_catalog").indexes()
    # 1006: official documents
    templates = portal["document-templates"]
    assert sorted(templates.objectIds()) == [
        "acknowledgement",
        "deliberation",
        "dossier_summary",
        "inquiry_report",
        "minutes",
        "pic_summary",
        "register_extract",
        "transmission_letter",
    ]
    assert templates["deliberation"].pod_portal_types == ["Act"]
    assert api.content.get_state(templates) == "private"


def test_1006_to_1007_adds_the_transmitted_step_of_case_files(portal, setup_tool):
    from imio.municipal.demo.builders import build_dossier
    from imio.municipal.demo.builders import do_transition

    workflow = api.portal.get_tool("portal_workflow")
    definition = workflow["municipal_dossier_workflow"]
    decided = build_dossier(portal, title="Décidé avant 1007")
    for user, transition in (
        ("namur-agent-urbanisme", "receive"),
        ("namur-agent-urbanisme", "declare_complete"),
        ("namur-chef-urbanisme", "propose"),
        ("namur-secretaire", "decide"),
    ):
        do_transition(decided, user, transition)
    # What a 1006 site looked like: no transmitted state, no transmit
    # transition; and an object whose role mappings are not the workflow's.
    definition.states.manage_delObjects(["transmitted"])
    definition.transitions.manage_delObjects(["transmit"])
    definition.states["decided"].transitions = ("close",)
    decided.manage_permission("Modify portal content", ["ServiceEditor"], acquire=0)
    setup_tool.setLastVersionForProfile(PROFILE, "1006")
    assert [step.dest for step in setup_tool.listUpgrades(PROFILE, simple=True)][0] == ("1007",)

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1015",)
    definition = workflow["municipal_dossier_workflow"]
    assert "transmitted" in definition.states.objectIds()
    assert definition.transitions["transmit"].new_state_id == "transmitted"
    assert set(definition.states["decided"].transitions) == {"transmit", "close"}
    assert definition.states["transmitted"].transitions == ("close",)
    # Role mappings updated: in decided only the secretariat (and admins) edit.
    roles = {r["name"] for r in decided.rolesOfPermission("Modify portal content") if r["selected"]}
    assert roles == {"Manager", "Site Administrator", "MunicipalSecretary"}
    assert api.content.get_state(decided) == "decided"


def test_1007_to_1008_installs_the_publication_of_acts(portal, setup_tool):
    from imio.municipal.interfaces import IPublicationFolder
    from imio.municipal.platform.folders import PublicationFolder

    workflow = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    publications = portal["namur"]["publications"]
    # What a 1007 site looked like: no published state, no public versions,
    # the publications folder a plain municipal folder, no indexes.
    definition = workflow["municipal_act_workflow"]
    definition.states.manage_delObjects(["published"])
    definition.transitions.manage_delObjects(["publish", "publish_erratum"])
    portal.portal_types.manage_delObjects(["PublicVersion"])
    publications.__class__ = MunicipalFolder
    _unblock(publications)
    catalog.delIndex("is_current_version")
    api.portal.set_registry_record(
        "plone.inline_styles",
        [
            style
            for style in api.portal.get_registry_record("plone.inline_styles")
            if "personaldata" not in style
        ],
    )
    setup_tool.setLastVersionForProfile(PROFILE, "1007")

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1015",)
    definition = workflow["municipal_act_workflow"]
    assert definition.transitions["publish"].new_state_id == "published"
    assert "publish" in definition.states["executory"].transitions
    assert "PublicVersion" in portal.portal_types.objectIds()
    publications = portal["namur"]["publications"]
    assert isinstance(publications, PublicationFolder)
    assert IPublicationFolder.providedBy(publications)
    assert "is_current_version" in catalog.indexes()
    assert any(
        "personaldata" in style for style in api.portal.get_registry_record("plone.inline_styles")
    )
    assert api.portal.get_registry_record("plone.caching.interfaces.ICacheSettings.enabled")
    # The publications read full width (no inherited navigation portlet).
    from plone.portlets.constants import CONTEXT_CATEGORY
    from plone.portlets.interfaces import ILocalPortletAssignmentManager
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    manager = getUtility(IPortletManager, name="plone.leftcolumn", context=publications)
    blocked = getMultiAdapter((publications, manager), ILocalPortletAssignmentManager)
    assert blocked.getBlacklistStatus(CONTEXT_CATEGORY) is True


def _unblock(folder):
    from plone.portlets.constants import CONTEXT_CATEGORY
    from plone.portlets.interfaces import ILocalPortletAssignmentManager
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    manager = getUtility(IPortletManager, name="plone.leftcolumn", context=folder)
    getMultiAdapter((folder, manager), ILocalPortletAssignmentManager).setBlacklistStatus(
        CONTEXT_CATEGORY, None
    )


def test_1010_to_1011_names_the_types_by_their_new_packages(portal, setup_tool):
    """A site of the previous layout names its classes and schemas by their old
    paths (still importable); the upgrade names them by the new ones."""
    types = api.portal.get_tool("portal_types")
    types["Act"].klass = "imio.municipal.content.act.Act"
    types["Act"].schema = "imio.municipal.content.act.IActSchema"
    types["Dossier"].klass = "imio.municipal.content.dossier.Dossier"
    setup_tool.setLastVersionForProfile(PROFILE, "1010")

    setup_tool.upgradeProfile(PROFILE)

    assert types["Act"].klass == "imio.municipal.acts.content.Act"
    assert types["Act"].schema == "imio.municipal.acts.content.IActSchema"
    assert types["Dossier"].klass == "imio.municipal.dossiers.content.Dossier"
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1015",)
