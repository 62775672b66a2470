"""The municipality's public contact points (its e-mail, its services'
e-mails and phones) stay readable in the public version; a private
person's contacts next to them are masked."""

from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.texts import contacts_of
from imio.municipal.publication.texts import public_texts
from plone.app.textfield.value import RichTextValue


def test_service_contacts_are_not_masked_private_ones_are(portal, act_factory):
    namur = portal["namur"]
    namur.email = "info@namur.be"
    namur.services = [
        {**row, "email": "urbanisme@namur.be", "phone": "081/24.63.00"}
        if row["id"] == "urbanisme"
        else row
        for row in namur.services
    ]
    motivation = (
        "<p>Renseignements : service de l'urbanisme, urbanisme@namur.be, 081 24 63 00, "
        "ou info@namur.be ; le demandeur, joignable au 0475 12 34 56 ou à g.v@gmail.com.</p>"
    )
    act = act_factory(portal, motivation=RichTextValue(motivation, "text/html", "text/x-html-safe"))
    assert sorted(contacts_of(act)) == ["081/24.63.00", "info@namur.be", "urbanisme@namur.be"]
    html = public_texts(act).motivation.html
    assert "urbanisme@namur.be, 081 24 63 00, ou info@namur.be" in html
    assert "0475" not in html and "gmail" not in html
    assert html.count(MARKER) == 2
