"""The demo citizens sign in at the local provider and find their observation
on the demo's public inquiry (the accounts `make run` made for them)."""

from imio.municipal.demo.inquiries import create_demo_inquiry
from imio.municipal.demo.inquiries import OBSERVATIONS

import transaction


def test_a_demo_citizen_signs_in_and_sees_only_his_observation(sign_in, functional_portal):
    inquiry = create_demo_inquiry(functional_portal)
    url = f"{sign_in.server_url}/{'/'.join(inquiry.getPhysicalPath()[2:])}"
    transaction.commit()
    browser = sign_in("marie.lambert")
    page = browser.get(f"{url}/@@enquete-observation")
    assert page.status_code == 200, page.text
    text = page.text.replace("&#x27;", "'").replace("&#39;", "'")
    assert OBSERVATIONS["marie.lambert"][:40] in text
    assert OBSERVATIONS["luc.renard"][:40] not in text
    # Anonymous visitors read the notice, never an observation.
    notice = type(browser)().get(url)
    assert notice.status_code == 200 and "Construction de 12 logements" in notice.text
    assert OBSERVATIONS["marie.lambert"][:40] not in notice.text.replace("&#x27;", "'")
