"""The minutes over REST: generate, approve with remarks, refusals with their reason,
and who reads the PDF (the demo's Namur college held last week)."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.testing import require_libreoffice
from plone import api


def demo_sessions(portal):
    folder = portal["namur"]["seances"]
    sessions = [obj for obj in folder.objectValues() if obj.portal_type == "Session"]
    held = next(s for s in sessions if s.body == "college" and api.content.get_state(s) == "closed")
    upcoming = next(s for s in sessions if s.body == "college" and s.session_date > belgian_today())
    return held, upcoming


def test_minutes_over_rest(api_as, functional_portal, functional):
    require_libreoffice(functional)
    held, upcoming = demo_sessions(functional_portal)
    held_path = "/" + "/".join(held.getPhysicalPath()[2:])
    upcoming_path = "/" + "/".join(upcoming.getPhysicalPath()[2:])
    secretary = api_as("namur-secretaire")

    # Who may not: a college member reads but does not generate; anonymous sees nothing.
    refused = api_as("namur-college").post(f"{held_path}/@minutes", json={})
    assert refused.status_code == 403
    assert "Seul le secrétariat" in refused.json()["message"]
    assert api_as().get(f"{held_path}/@minutes").status_code == 401
    # Not before the session is closed.
    early = secretary.post(f"{upcoming_path}/@minutes", json={})
    assert early.status_code == 400
    assert "une fois la séance clôturée" in early.json()["message"]

    made = secretary.post(f"{held_path}/@minutes", json={})
    assert made.status_code == 201, made.text
    assert made.json()["generated"] and made.json()["review_state"] == "closed"
    pdf_url = made.json()["pdf"].replace(functional_portal.absolute_url(), "")
    for login, status in (
        ("namur-secretaire", 200),
        ("namur-college", 200),
        ("gembloux-secretaire", 401),
        ("namur-agent-urbanisme", 401),
        (None, 401),
    ):
        response = api_as(login).get(pdf_url)
        assert response.status_code in ((status,) if status == 200 else (401, 403)), login
        if status == 200:
            assert response.content.startswith(b"%PDF")

    # The next session approves them while it is held: refused before, with the reason.
    approval = secretary.post(f"{upcoming_path}/@minutes-approval", json={"remarks": "Aucune"})
    assert approval.status_code == 400
    assert "ouvrez-la" in approval.json()["message"]
    bad = secretary.post(f"{upcoming_path}/@minutes-approval", json={"remarks": ["liste"]})
    assert bad.status_code == 400 and "caractères" in bad.json()["message"]
    # The approval transition itself is not a button.
    direct = secretary.post(f"{held_path}/@workflow/approve_minutes")
    assert direct.status_code == 400
    assert "prochaine séance" in direct.json()["error"]["message"]
    state = secretary.get(f"{upcoming_path}/@minutes").json()
    assert state["previous_minutes"]["title"] == held.Title()
    assert state["previous_minutes"]["review_state"] == "closed"
