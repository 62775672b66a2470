"""The deliberation prints the legal basis typed; the acknowledgement names every applicant."""

from collective.documentgenerator.utils import compute_md5
from plone import api
from plone.namedfile.file import NamedBlobFile

import transaction


SECRETARY = "namur-secretaire"
LEGAL_BASIS = (
    "Vu le Code de la démocratie locale et de la décentralisation, l'article L1122-30 ;\n"
    "\n"
    "Vu le règlement général de police du 12/03/2019 ;"
)


def test_the_deliberation_prints_each_line_of_the_legal_basis(
    libreoffice, generate, portal, pdf_text
):
    act = next(
        a for a in portal["namur"]["actes"].objectValues() if a.Title().startswith("Comptes")
    )
    act.legal_basis = LEGAL_BASIS
    status, body, _headers = generate(act, "deliberation", "pdf", SECRETARY)
    assert status == 200, body
    text = " ".join(pdf_text(body).split())
    assert "l'article L1122-30 ;" in text
    assert "Vu le règlement général de police du 12/03/2019 ;" in text
    # after « Le Conseil communal, », before the decision
    assert text.index("LE CONSEIL COMMUNAL,") < text.index("L1122-30") < text.index("DÉCIDE :")


def test_the_upgrade_installs_the_new_template(portal):
    from imio.municipal.documents.install import SPECS
    from imio.municipal.documents.install import templates_folder
    from imio.municipal.upgrades.v1013_french_forms import upgrade

    # a site still holding an older, unmodified package template
    previous = SPECS["acknowledgement"].path.read_bytes()
    template = templates_folder(portal)["deliberation"]
    template.odt_file = NamedBlobFile(data=previous, filename="deliberation.odt")
    template.initial_md5 = template.style_modification_md5 = compute_md5(previous)
    upgrade(portal.portal_setup)
    assert template.odt_file.data == SPECS["deliberation"].path.read_bytes()
    transaction.abort()


def test_the_acknowledgement_names_every_applicant(libreoffice, generate, portal, pdf_text):
    from imio.municipal.demo.builders import PERSON

    dossier = next(
        d
        for d in portal["namur"]["dossiers"].objectValues()
        if api.content.get_state(d) == "in_progress"
    )
    dossier.applicants = [
        dict(PERSON, name="Anne Dupont"),
        dict(PERSON, name="Marc Lambert", niss="", kind="company", bce="0403.170.701"),
    ]
    status, body, _headers = generate(dossier, "acknowledgement", "pdf", "namur-agent-urbanisme")
    assert status == 200, body
    head = pdf_text(body).split("Objet :")[0]
    assert "Anne Dupont" in head
    assert "Marc Lambert" in head
