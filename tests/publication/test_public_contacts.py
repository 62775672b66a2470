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
    assert contacts_of(act) == ["info@namur.be"]
    html = public_texts(act).motivation.html
    assert "Renseignements : INFO@namur.be ;" in html
    assert "0475" not in html and "gmail" not in html
    assert html.count(MARKER) == 2
