"""A municipality's public contact points and place over REST: a service's
phone must be a Belgian number, the centroid and box must lie in Wallonia;
400 with the reason in French, nothing half-saved."""

import transaction


def refusal(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def services_with(functional_portal, **contact):
    transaction.begin()
    rows = [dict(row) for row in functional_portal["namur"].services]
    rows[1].update(contact)
    return rows


def test_the_secretary_sets_a_service_contact_point(api_as, functional_portal):
    services = services_with(
        functional_portal, email="urba@ville.namur.be", phone="+32 81 24 63 99"
    )
    response = api_as("namur-secretaire").patch("/namur", json={"services": services})
    assert response.status_code == 204, response.text
    transaction.begin()
    row = functional_portal["namur"].services[1]
    assert (row["email"], row["phone"]) == ("urba@ville.namur.be", "+32 81 24 63 99")


def test_a_service_phone_that_is_not_a_phone_is_refused(api_as, functional_portal):
    services = services_with(functional_portal, phone="12 34")
    response = api_as("namur-secretaire").patch("/namur", json={"services": services})
    assert "n'est pas un numéro de téléphone belge" in refusal(response)
    transaction.begin()
    assert functional_portal["namur"].services[1]["phone"] == "081 24 63 90"


def test_swapped_coordinates_are_refused(api_as, functional_portal):
    response = api_as("platform-admin").patch("/namur", json={"centroid": "4.8650, 50.4600"})
    assert "n'est pas un point situé en Wallonie" in refusal(response)
    response = api_as("platform-admin").patch("/namur", json={"bbox": "50.39, 4.74"})
    assert "n'est pas un rectangle situé en Wallonie" in refusal(response)
    transaction.begin()
    assert functional_portal["namur"].centroid == "50.4600, 4.8650"


def test_a_municipality_sets_its_place(api_as, functional_portal):
    place = {"centroid": "50.47, 4.87", "bbox": "50.53, 4.99; 50.38, 4.73"}
    response = api_as("platform-admin").patch("/namur", json=place)
    assert response.status_code == 204, response.text
    transaction.begin()
    assert functional_portal["namur"].bbox == place["bbox"]
