"""The pages that lead where the work is: the « À traiter » box and its full
list, a file sent back, the staff home's cards, a folder closed to the
user, the personal dashboard, a package to deposit by hand."""

from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from plone.testing.zope import Browser

import re
import transaction


AGENT = "namur-agent-urbanisme"
HEAD = "namur-chef-urbanisme"


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def submitted(portal, count):
    files = []
    for index in range(count):
        dossier = build_dossier(portal, title=f"Prêt {index:02d}")
        for transition in ("receive", "declare_complete", "submit"):
            do_transition(dossier, AGENT, transition)
        files.append(dossier)
    transaction.commit()
    return files


def test_the_box_counts_everything_and_links_to_the_full_list(functional_app, functional_portal):
    files = submitted(functional_portal, 18)
    browser = browser_as(functional_app, HEAD)
    browser.open(functional_portal["namur"].absolute_url())
    box = browser.contents
    assert len(re.findall(r'class="worklist-item reason-validate"', box)) == 15
    # 18 new ones and the demo's file sent to the head.
    count = re.search(r"kind-Dossier-validate.*?badge[^>]*>(\d+)<", box, re.S)
    assert count and count.group(1) == "19"
    assert "Dossiers à proposer" in box
    badges = re.findall(r'class="list-inline-item worklist-count.*?badge[^>]*>(\d+)<', box, re.S)
    total = re.search(r"Tout voir \((\d+)\)", box)
    assert total and int(total.group(1)) == sum(int(badge) for badge in badges)
    assert "à proposer — prêt depuis aujourd&#x27;hui" in box or (
        "à proposer — prêt depuis aujourd'hui" in box
    )

    browser.getLink(url="@@worklist").click()
    section = re.search(r'id="kind-Dossier-validate".*?</section>', browser.contents, re.S)
    assert section, "the full list has a section of files to propose"
    assert len(re.findall(r'class="worklist-item reason-validate"', section.group(0))) == 19
    assert all(dossier.absolute_url() in section.group(0) for dossier in files)


def test_the_agent_sees_who_sent_the_file_back_and_why(functional_app, functional_portal):
    dossier = submitted(functional_portal, 1)[0]
    do_transition(dossier, HEAD, "return_to_agent", "Pièces manquantes : plan signé")
    transaction.commit()
    browser = browser_as(functional_app, AGENT)
    browser.open(functional_portal["namur"].absolute_url())
    url = re.escape(dossier.absolute_url())
    item = re.search(
        rf'<tr class="worklist-item[^"]*">(?:(?!</tr>).)*?{url}.*?</tr>', browser.contents, re.S
    )
    assert item and "renvoyé par" in item.group(0)
    assert "Pièces manquantes : plan signé" in item.group(0)

    browser.open(dossier.absolute_url())
    note = re.search(
        r'class="alert alert-warning municipal-sent-back".*?</div>', browser.contents, re.S
    )
    assert note, "the file says on top that it was sent back"
    assert "Renvoyé par" in note.group(0)
    assert "Pièces manquantes : plan signé" in note.group(0)

    do_transition(dossier, AGENT, "submit")
    transaction.commit()
    browser.open(dossier.absolute_url())
    assert "municipal-sent-back" not in browser.contents


def card_counts(browser) -> dict:
    return dict(
        re.findall(
            r'class="card h-100 area-([\w-]+)">.*?area-count".*?badge[^>]*>(\d+)<',
            browser.contents,
            re.S,
        )
    )


def test_the_staff_home_has_a_card_per_area_with_counts(functional_app, functional_portal):
    secretary = browser_as(functional_app, "namur-secretaire")
    secretary.open(functional_portal["namur"].absolute_url())
    counts = card_counts(secretary)
    assert set(counts) >= {"dossiers", "actes", "pic", "seances", "exchange-journal"}
    assert int(counts["pic"]) == 1
    # Namur's PIC plan waits to be deposited by hand.
    assert int(counts["exchange-journal"]) >= 1
    assert secretary.contents.count("Voir la suite") == len(
        re.findall(r'class="card h-100 area-', secretary.contents)
    )
    assert "/namur/@@exchange-journal" in secretary.contents

    agent = browser_as(functional_app, AGENT)
    agent.open(functional_portal["namur"].absolute_url())
    assert "area-exchange-journal" not in agent.contents
    assert "@@exchange-journal" not in agent.contents


def test_a_folder_closed_to_the_user_explains_itself(functional_app, functional_portal):
    browser = browser_as(functional_app, "gembloux-agent-urbanisme")
    browser.open(functional_portal["gembloux"]["pic"].absolute_url())
    assert "municipal-closed-content" in browser.contents
    assert "aucun ne vous est ouvert" in browser.contents
    finances = browser_as(functional_app, "gembloux-agent-finances")
    finances.open(functional_portal["gembloux"]["pic"].absolute_url())
    assert "municipal-closed-content" not in finances.contents


def test_the_personal_dashboard_leads_to_the_municipality(functional_app, functional_portal):
    browser = browser_as(functional_app, AGENT)
    browser.open(f"{functional_portal.absolute_url()}/dashboard")
    assert browser.url.rstrip("/") == functional_portal["namur"].absolute_url()
    # The user menu offers no dashboard either.
    assert f'href="{functional_portal.absolute_url()}/dashboard"' not in browser.contents


def test_a_plan_to_deposit_by_hand_says_where_and_how(functional_app, functional_portal):
    plan = functional_portal["namur"]["pic"].objectValues()[0]
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(plan.absolute_url())
    help_block = re.search(r'class="exchange-deposit-help.*?</div>', browser.contents, re.S)
    assert help_block, "the plan says it waits to be deposited by hand"
    assert "Guichet des pouvoirs locaux (PIC)" in help_block.group(0)
    assert "/namur/@@exchange-package?message=" in help_block.group(0)
    assert "/namur/@@exchange-journal" in help_block.group(0)
    browser.getLink(url="@@exchange-package").click()
    assert browser.headers["Content-Type"].startswith("application/zip")
