"""The e-counter's loop, through the browser: a citizen signs in through the
local OpenID Connect provider, files a permit application with a plan and
gets the timestamped acknowledgement; the agent declares the file
incomplete; the citizen sees what is missing in « Mes démarches » and sends
it; the file is back with the agent, who is e-mailed; a message goes each
way. Screenshots at 1280 and 390 pixels.

The Zope server of the acceptance layer runs in the test process: the
timestamp authority's environment variables, set here, are the ones the
receipt reads.
"""

from playwright.sync_api import expect

import io
import pikepdf
import re
import transaction


AGENT = "namur-agent-urbanisme"
TITLE = "Abri de jardin rue de Fer"
MISSING = "Plan d'implantation signé"
WIDTHS = (1280, 390)


def pdf_file(tmp_path, name: str):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def shots(page, name, screenshot):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}_{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def the_dossier(portal):
    transaction.begin()
    (brain,) = portal.portal_catalog.unrestrictedSearchResults(portal_type="Dossier", Title=TITLE)
    return brain._unrestrictedGetObject()


def open_tab(page, fieldset: str):
    index = page.locator("form legend").evaluate_all(
        "(legends, id) => legends.findIndex(legend => legend.id === id)",
        f"fieldsetlegend-{fieldset}",
    )
    assert index >= 0, f"no fieldset {fieldset!r} in the form"
    page.locator(".autotoc-nav a").nth(index).click()


def test_a_citizen_completes_his_file_and_talks_with_the_service(
    counter, browser, browser_context_args, base_url, tmp_path, login, screenshot, new_page, sign_in
):
    citizen = new_page(browser, browser_context_args)
    # --- Sign in through the provider, file with a plan ----------------------
    sign_in(citizen, base_url, "marie.lambert")
    expect(citizen.locator("html")).to_have_attribute("lang", "fr")
    citizen.goto(f"{base_url}/namur/@@demarches?demarche=permis-urbanisme")
    citizen.fill("#field-title", TITLE)
    citizen.fill("#field-location_address", "Rue de Fer 12, 5000 Namur")
    citizen.set_input_files("#piece-plans", str(pdf_file(tmp_path, "plan.pdf")))
    with citizen.expect_navigation(url=re.compile(r"@@mes-demarches")):
        citizen.click(".counter-request button[type=submit]")
    expect(citizen.locator(".portalMessage")).to_contain_text("l'accusé d'envoi")
    receipt = citizen.locator("a", has_text="Accusé d'envoi (PDF)").first.get_attribute("href")
    assert citizen.request.get(receipt).body().startswith(b"%PDF-")
    tsr = citizen.request.get(f"{receipt}&format=tsr")
    assert tsr.headers["content-type"] == "application/timestamp-reply"
    dossier = the_dossier(counter)
    assert dossier.reference

    # --- The agent lists the missing piece and declares the file incomplete --
    agent = new_page(browser, browser_context_args)
    login(agent, AGENT, "demo")
    agent.goto(f"{dossier.absolute_url()}/edit")
    open_tab(agent, "deadlines")
    agent.fill("#form-widgets-missing_pieces", MISSING)
    with agent.expect_navigation():
        agent.click("#form-buttons-save")
    agent.click("#plone-contentmenu-workflow > a")
    agent.click("#workflow-transition-declare_incomplete")
    with agent.expect_navigation():
        agent.click('button[name="form.buttons.confirm"]')
    expect(agent.locator(".label-state-incomplete")).to_be_visible()

    # --- The citizen sees what is missing and sends it ----------------------
    citizen.goto(f"{base_url}/@@mes-demarches")
    expect(citizen.locator(".counter-state")).to_contain_text("Incomplète")
    citizen.click("a:has-text('Envoyer les pièces manquantes')")
    expect(citizen.locator(".counter-missing-pieces li")).to_have_text([MISSING])
    expect(citizen.locator(".counter-documents")).to_contain_text("Demande de pièces manquantes")
    shots(citizen, "counter_loop_missing", screenshot)
    transaction.begin()
    mails_before = len(counter.MailHost.messages)
    citizen.set_input_files("#counter-pieces", str(pdf_file(tmp_path, "implantation.pdf")))
    with citizen.expect_navigation():
        citizen.click("button:has-text('Envoyer les pièces')")
    expect(citizen.locator(".portalMessage")).to_contain_text("Vos pièces ont été envoyées")
    expect(citizen.locator(".counter-state")).to_contain_text("Reçue")
    expect(citizen.locator(".counter-missing")).to_have_count(0)
    dossier = the_dossier(counter)
    assert dossier.portal_workflow.getInfoFor(dossier, "review_state") == "received"
    assert "implantation.pdf" in [obj.file.filename for obj in dossier.objectValues()]
    assert len(counter.MailHost.messages) > mails_before  # the agent is told

    # --- A message each way -------------------------------------------------
    citizen.fill("#counter-message-text", "Faut-il aussi la signature de l'architecte ?")
    with citizen.expect_navigation():
        citizen.click("button:has-text('Envoyer le message')")
    expect(citizen.locator(".portalMessage")).to_contain_text("Votre message a été envoyé")
    agent.goto(dossier.absolute_url())
    agent.click("a:has-text('Messages avec le demandeur')")
    expect(agent.locator(".counter-message-citizen")).to_contain_text("architecte")
    agent.fill("#counter-message-text", "Oui, signé et daté par l'architecte.")
    with agent.expect_navigation():
        agent.click("button:has-text('Envoyer le message')")
    expect(agent.locator(".counter-message-service")).to_contain_text("signé et daté")
    shots(agent, "counter_loop_staff_messages", screenshot)
    citizen.reload()
    expect(citizen.locator(".counter-message-service")).to_contain_text("signé et daté")
    shots(citizen, "counter_loop_messages", screenshot)

    # --- Another citizen sees none of it ------------------------------------
    other = new_page(browser, browser_context_args)
    sign_in(other, base_url, "luc.renard")
    expect(other.locator("#content")).not_to_contain_text(TITLE)
    answer = other.request.get(f"{base_url}/@@ma-demarche?uid={dossier.UID()}")
    assert answer.status == 404
    for page in (citizen, agent, other):
        page.context.close()
