"""The demo publishes through the real transition (LibreOffice running)."""

from imio.municipal.publication import decisions
from imio.municipal.publication.sections import current_version
from imio.municipal.testing import require_libreoffice
from plone import api


def test_the_demo_publishes_namur_and_gembloux_acts(portal, integration):
    require_libreoffice(integration)
    catalog = api.portal.get_tool("portal_catalog")
    found = {
        brain.getPath().split("/")[2]
        for brain in catalog.unrestrictedSearchResults(portal_type="PublicVersion")
    }
    assert found == {"namur", "gembloux"}


def test_the_terrace_authorisation_is_masked_but_the_city_account_released(portal, integration):
    require_libreoffice(integration)
    act = next(
        act
        for act in portal["namur"]["actes"].objectValues()
        if act.Title().startswith("Autorisation d'occupation du domaine public")
    )
    assert api.content.get_state(act) == "published"
    text = current_version(act).text.raw
    for canary in ("Van den Berghe", "85.07.30-033.28", "0475 12 34 56", "jp.vandenberghe"):
        assert canary not in text
    assert "BE71 0961 2345 6769" in text
    released = [d for d in decisions.finding_decisions(act).values() if d.action == "release"]
    assert [d.reason for d in released] == [
        "Compte bancaire de la Ville, pas une donnée personnelle."
    ]


def test_the_terrace_address_is_masked_however_the_act_writes_it(portal, integration):
    """The applicant's « rue de Bruxelles 74 » is also « le n° 74 de la rue de
    Bruxelles » in the decision; the street alone (the title) stays public."""
    require_libreoffice(integration)
    act = next(
        act
        for act in portal["namur"]["actes"].objectValues()
        if act.Title().startswith("Autorisation d'occupation du domaine public")
    )
    assert "devant le n° 74 de la rue de Bruxelles" in act.decision.raw
    version = current_version(act)
    text = version.text.raw
    assert "devant le [donnée masquée – RGPD], du 1er avril" in text
    assert "n° 74" not in text and "Bruxelles 74" not in text
    assert "rue de Bruxelles" in version.Title()
