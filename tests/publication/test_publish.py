"""Publishing an act: the public version, its proof, and every refusal."""

from datetime import timedelta
from imio.municipal.core import calendar
from imio.municipal.demo.builders import do_transition
from imio.municipal.publication import decisions
from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.core.timestamp import verify
from imio.municipal.publication.sections import current_version
from imio.municipal.publication.sections import versions
from imio.municipal.testing import as_user
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest
import subprocess
import transaction


SECRETARY = "namur-secretaire"
# The canaries of conftest.py (the applicant named in the act, her NISS).
APPLICANT = "Gaëtane Vandermeulen"
NISS = "85.07.30-033.28"


def publish(act, user=SECRETARY, transition="publish", comment=""):
    do_transition(act, user, transition, comment)
    return current_version(act)


def test_publish_creates_the_masked_public_version(act, timestamps):
    public = publish(act)
    year, body, number = act.number.split("/")
    assert public.absolute_url_path() == f"/plone/namur/publications/{year}/{body}/{number}"
    assert api.content.get_state(act) == "published"
    text = public.text.raw
    assert MARKER in text
    for canary in (APPLICANT, "Vandermeulen", NISS, "0475 12 34 56", "rue des Brasseurs"):
        assert canary not in text
    # What is not personal stays as it was.
    assert "L1133-1" in text and "1 234,56 €" in text
    assert public.signatories == [
        "Le Directeur général Laurent Vercruysse",
        "Le Bourgmestre Maxence Hérion",
    ]
    assert public.number == act.number and public.session_date == act.session_date


def test_the_public_pdf_is_masked_and_timestamped(act, timestamps):
    public = publish(act)
    pdf = public.pdf.data
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert MARKER in text and "L1133-1" in text
    for canary in (APPLICANT, "Vandermeulen", NISS, "rue des Brasseurs"):
        assert canary not in text
    assert public.sha256 == sha256_hex(pdf)
    assert public.timestamp is not None and public.timestamp_time is not None
    assert public.timestamp_authority == "imio.municipal test timestamp authority"
    assert verify(pdf, public.timestamp.data, timestamps.root_pem).valid
    assert not verify(pdf + b"%", public.timestamp.data, timestamps.root_pem).valid


def test_a_regulation_binds_from_the_fifth_day(act, timestamps):
    public = publish(act)
    today = calendar.belgian_today()
    assert act.publication_date == public.publication_date == today
    assert public.binding_date == act.binding_date == today + timedelta(days=5)


def test_without_authority_the_publication_is_recorded_without_timestamp(act, no_timestamps):
    public = publish(act)
    assert public.timestamp is None
    assert public.timestamp_problem == "not-configured"
    assert public.sha256 == sha256_hex(public.pdf.data)


def test_an_authority_that_is_down_does_not_block(act, monkeypatch, timestamps):
    from imio.municipal.documents import libreoffice

    monkeypatch.setenv("IMIO_MUNICIPAL_TSA_URL", f"http://127.0.0.1:{libreoffice.free_port()}/")
    public = publish(act)
    assert api.content.get_state(act) == "published"
    assert public.timestamp is None
    assert public.timestamp_problem == "unreachable"


def test_an_undecided_suspect_refuses_the_publication(act, timestamps):
    act.motivation = RichTextValue(
        "<p>Vu le courrier de M. Octave Delvaux du 3 mars ;</p>", "text/html", "text/x-html-safe"
    )
    with pytest.raises(WorkflowException) as refused:
        publish(act)
    assert "Octave Delvaux" in str(refused.value)
    assert transaction.get().isDoomed()
    assert versions(act) == []
    transaction.abort()


def test_a_released_suspect_is_published_as_is(act, timestamps):
    act.motivation = RichTextValue(
        "<p>Vu le courrier de M. Octave Delvaux du 3 mars ;</p>", "text/html", "text/x-html-safe"
    )
    from imio.municipal.publication.texts import public_texts

    (finding,) = public_texts(act).undecided
    with pytest.raises(ValueError):
        decisions.decide(act, finding.key, "release", "  ")
    decisions.decide(act, finding.key, "release", "Avocat agissant pour la commune")
    public = publish(act)
    assert "Octave Delvaux" in public.text.raw


def test_a_masked_suspect_is_masked(act, timestamps):
    act.motivation = RichTextValue(
        "<p>Vu le courrier de M. Octave Delvaux du 3 mars ;</p>", "text/html", "text/x-html-safe"
    )
    from imio.municipal.publication.texts import public_texts

    (finding,) = public_texts(act).undecided
    decisions.decide(act, finding.key, "mask")
    public = publish(act)
    assert "Delvaux" not in public.text.raw


def test_a_pdf_failure_refuses_and_leaves_the_act_executory(act, timestamps, portal):
    from imio.municipal.documents import libreoffice
    from imio.municipal.testing import DOCUMENTGENERATOR_SETTINGS

    api.portal.set_registry_record(
        DOCUMENTGENERATOR_SETTINGS + "oo_port_list", str(libreoffice.free_port())
    )
    with pytest.raises(WorkflowException) as refused:
        publish(act)
    assert "Le PDF public n'a pas pu être produit" in str(refused.value)
    assert versions(act) == []
    transaction.abort()


@pytest.mark.parametrize(
    "user", ["namur-agent-finances", "namur-chef-finances", "namur-college", "gembloux-secretaire"]
)
def test_only_the_secretariat_publishes(act, timestamps, user):
    workflow = api.portal.get_tool("portal_workflow")
    available = as_user(user, lambda: [t["id"] for t in workflow.getTransitionsFor(act)])
    assert "publish" not in available


def test_an_act_that_is_not_executory_cannot_be_published(portal, timestamps):
    from imio.municipal.demo.builders import adopt_council_act

    adopted = adopt_council_act(portal, title="Pas encore exécutoire")
    with pytest.raises(WorkflowException):
        do_transition(adopted, SECRETARY, "publish")


def test_an_erratum_needs_a_comment(act, timestamps):
    publish(act)
    with pytest.raises(WorkflowException) as refused:
        publish(act, transition="publish_erratum", comment=" ")
    assert "commentaire" in str(refused.value)
    assert transaction.get().isDoomed()
    transaction.abort()


def test_an_erratum_is_a_new_version_linked_to_the_previous(act, timestamps):
    first = publish(act)
    second = publish(act, transition="publish_erratum", comment="Coquille à l'article 1er")
    assert second.getId() == f"{first.getId()}-v2"
    assert second.version == 2 and second.previous_version == first.getId()
    assert first.superseded_by == second.getId()
    assert second.erratum == "Coquille à l'article 1er"
    assert second.sha256 and second.timestamp is not None
    # Both stay readable; the listing shows the current one only.
    catalog = api.portal.get_tool("portal_catalog")
    current = catalog(
        portal_type="PublicVersion", public_act_uid=act.UID(), is_current_version=True
    )
    assert [brain.getId for brain in current] == [second.getId()]
    assert act.publication_date == first.publication_date


def test_released_annexes_are_copied_others_are_not(act, timestamps):
    from plone.namedfile.file import NamedBlobFile

    def annex(title, **flags):
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=act,
                type="File",
                title=title,
                file=NamedBlobFile(b"%PDF-1.4 " + title.encode(), filename=f"{title}.pdf"),
                **flags,
            )

    plan = annex("Plan des terrasses", publishable=True, confidential=False)
    annex("Tableau non publié", publishable=True, confidential=False)
    secret = annex("Avis confidentiel", publishable=False, confidential=True)
    decisions.release_annex(act, plan.UID(), "Plan annexé au règlement")
    public = publish(act)
    assert [obj.Title() for obj in public.objectValues()] == ["Plan des terrasses"]
    assert public[plan.getId()].file.data == plan.file.data

    decisions.release_annex(act, secret.UID(), "Par erreur")
    with pytest.raises(WorkflowException) as refused:
        publish(act, transition="publish_erratum", comment="Ajout d'une annexe")
    assert "Avis confidentiel" in str(refused.value)
    transaction.abort()


def test_links_between_regulations(portal, act, timestamps, act_factory):
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds

    first = publish(act)

    amending = act_factory(portal, title="Règlement modifiant le règlement des terrasses")
    amending.modifies = [RelationValue(getUtility(IIntIds).getId(act))]
    amendment = publish(amending)
    assert amendment.modifies_acts == [act.number]
    view = api.content.get_view("view", first, first.REQUEST)
    assert [item["number"] for item in view.modified_by()] == [amending.number]
    assert view.repealed_by() == []
    view = api.content.get_view("view", amendment, amendment.REQUEST)
    assert [item["number"] for item in view.modifies()] == [act.number]
    assert view.modified_by() == [] and view.repealed_by() == []


def test_no_document_generation_links_on_the_public_version(act, timestamps):
    """collective.documentgenerator's viewlet (any object) is replaced by an
    empty one: nothing to generate from the public record, and no search of
    the templates on each anonymous page view."""
    from zope.component import getMultiAdapter
    from zope.viewlet.interfaces import IViewlet
    from zope.viewlet.interfaces import IViewletManager

    public = publish(act)
    request = public.REQUEST
    view = api.content.get_view("view", public, request)
    manager = getMultiAdapter((public, request, view), IViewletManager, "plone.belowcontenttitle")
    viewlet = getMultiAdapter(
        (public, request, view, manager), IViewlet, "document-generation-link"
    )
    viewlet.update()
    assert type(viewlet).__name__ == "NoDocumentsViewlet" and viewlet.render() == ""


def test_the_applicants_of_the_related_dossier_are_masked_not_companies(
    portal, timestamps, act_factory, integration
):
    from imio.municipal.demo.builders import build_dossier
    from imio.municipal.demo.builders import COMPANY
    from imio.municipal.demo.builders import PERSON
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds

    dossier = build_dossier(
        portal, title="Véranda", applicants=[dict(PERSON), {**COMPANY, "contact": "Hugo Marchal"}]
    )
    motivation = (
        "<p>Vu la demande de Mme Anne Dupont, Rue de Bruxelles 1, 5000 Namur, et de la "
        "SRL Immo Meuse représentée par M. Hugo Marchal ;</p>"
    )
    act = act_factory(
        portal,
        title="Permis d'urbanisme — véranda",
        persons_concerned=None,
        motivation=RichTextValue(motivation, "text/html", "text/x-html-safe"),
        decision=RichTextValue("<p>Le permis est octroyé.</p>", "text/html", "text/x-html-safe"),
        related_dossier=RelationValue(getUtility(IIntIds).getId(dossier)),
    )
    public = publish(act)
    text = public.text.raw
    for canary in ("Anne Dupont", "Dupont", "Rue de Bruxelles 1", "Hugo Marchal", "Marchal"):
        assert canary not in text
    assert "Immo Meuse" in text


def test_a_tax_shows_its_tutelle_outcome(portal, timestamps, act_factory):
    from datetime import date

    act = act_factory(portal, title="Règlement-taxe sur les terrasses")
    # What the region decided (the act went through the approval tutelle).
    act.matter = "tax_regulation"
    act.tutelle_outcome, act.tutelle_outcome_date = "approved", date(2026, 11, 2)
    public = publish(act)
    assert public.tutelle_outcome == "approved"
    view = api.content.get_view("view", public, public.REQUEST)
    assert view.shows_tutelle()
    page = view()
    assert "02/11/2026" in page and "Approuvé" in page


@pytest.mark.parametrize(
    "user",
    [None, "namur-secretaire", "namur-college", "namur-agent-finances", "gembloux-secretaire"],
)
def test_a_public_version_is_read_by_everyone_and_changed_by_nobody(act, timestamps, user):
    """Frozen: not even the secretariat that published it edits or deletes it."""
    public = publish(act)

    def rights():
        return {
            permission: bool(api.user.has_permission(permission, obj=public))
            for permission in (
                "View",
                "Modify portal content",
                "Delete objects",
                "Add portal content",
            )
        }

    assert as_user(user, rights) == {
        "View": True,
        "Modify portal content": False,
        "Delete objects": False,
        "Add portal content": False,
    }
