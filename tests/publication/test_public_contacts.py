"""The municipality's public contact point (its e-mail) stays readable in
the public version; a private person's contacts next to it are masked."""

from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.texts import contacts_of
from imio.municipal.publication.texts import public_texts
from plone.app.textfield.value import RichTextValue


def test_the_municipality_email_is_not_masked_private_contacts_are(portal, act_factory):
    namur = portal["namur"]
    namur.email = "info@namur.be"
    motivation = (
        "<p>Renseignements : INFO@namur.be ; le demandeur, joignable au 0475 12 34 56 "
        "ou à g.v@gmail.com.</p>"
    )
    act = act_factory(portal, motivation=RichTextValue(motivation, "text/html", "text/x-html-safe"))
    assert contacts_of(act)[0] == "info@namur.be"
    html = public_texts(act).motivation.html
    assert "Renseignements : INFO@namur.be ;" in html
    assert "0475" not in html and "gmail" not in html
    assert html.count(MARKER) == 2


def test_the_services_contact_points_are_not_masked(portal, act_factory):
    namur = portal["namur"]
    namur.email, namur.phone = "info@ville.namur.be", "081 24 60 11"
    namur.services = [
        {**row, "email": f"{row['id']}@ville.namur.be", "phone": "081 24 63 90"}
        if row["id"] == "urbanisme"
        else {**row, "email": None, "phone": None}
        for row in namur.services
    ]
    motivation = (
        "<p>Accueil : +32 (0)81 24 60 11. Service de l'urbanisme : Urbanisme@ville.namur.be, "
        "081/24.63.90. Le demandeur : 081 24 63 91, urbanisme@demandeur.be.</p>"
    )
    act = act_factory(portal, motivation=RichTextValue(motivation, "text/html", "text/x-html-safe"))
    assert contacts_of(act) == [
        "info@ville.namur.be",
        "081 24 60 11",
        "urbanisme@ville.namur.be",
        "081 24 63 90",
    ]
    html = public_texts(act).motivation.html
    for public in ("+32 (0)81 24 60 11", "Urbanisme@ville.namur.be", "081/24.63.90"):
        assert public in html, html
    assert "081 24 63 91" not in html and "demandeur.be" not in html
    assert html.count(MARKER) == 2


def test_the_demo_municipalities_publish_their_contact_points(portal):
    for slug in ("namur", "gembloux"):
        municipality = portal[slug]
        assert municipality.phone
        assert all(row["email"] and row["phone"] for row in municipality.services), slug
