"""Builders of test and demo objects: one readable line per object."""

from decimal import Decimal
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform.content_ids import slug
from plone import api


PERSON = {
    "kind": "person",
    "name": "Anne Dupont",
    "niss": "85073003328",
    "address": "Rue de Bruxelles 1, 5000 Namur",
    "email": "anne.dupont@example.be",
}
COMPANY = {"kind": "company", "name": "Immo Meuse SRL", "bce": "0216.689.981"}


def build_dossier(portal, municipality="namur", user=None, **fields):
    """A draft case file created by the service's agent, as in real life.

    >>> build_dossier(portal, procedure="cu1", title="Terrain rue Haute")  # doctest: +SKIP
    """
    service = fields.setdefault("responsible_service", "urbanisme")
    user = user or f"{municipality}-agent-{service}"
    fields.setdefault("title", "Extension d'une véranda")
    fields.setdefault("procedure", "pu")
    fields.setdefault("applicants", [dict(PERSON)])
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["dossiers"],
            type="Dossier",
            # An id up front: plone.api's create-then-rename logs catalog errors.
            id=slug(fields["title"]),
            safe_id=True,
            **fields,
        )


def do_transition(obj, user, name, comment=""):
    """Take a workflow transition as a (demo) user.

    The workflow tool, not plone.api: api.content.transition turns a refusal
    into a generic "Invalid transition" and loses its reason.
    """
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(obj, name, comment=comment)


def build_act(portal, municipality="namur", user=None, **fields):
    """A draft act written by the service's agent.

    >>> build_act(portal, matter="tax_regulation", title="Taxe")  # doctest: +SKIP
    """
    service = fields.setdefault("responsible_service", "finances")
    user = user or f"{municipality}-agent-{service}"
    fields.setdefault("title", "Règlement-taxe sur les secondes résidences")
    fields.setdefault("kind", "deliberation")
    fields.setdefault("body", "conseil")
    fields.setdefault("matter", "other")
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["actes"],
            type="Act",
            id=slug(fields["title"]),
            safe_id=True,
            **fields,
        )


def build_plan(portal, municipality="namur", user=None, **fields):
    """A draft PIC plan built by the finance service's agent."""
    service = fields.setdefault("responsible_service", "finances")
    user = user or f"{municipality}-agent-{service}"
    fields.setdefault("title", "PIC 2025-2027")
    fields.setdefault("period", "2025-2027")
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["pic"],
            type="InvestmentPlan",
            id=slug(fields["title"]),
            safe_id=True,
            **fields,
        )


def build_investment(plan, user="namur-agent-finances", **fields):
    """An investment sheet in a plan."""
    fields.setdefault("title", "Réfection de voirie")
    fields.setdefault("category", "roads")
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=plan, type="Investment", id=slug(fields["title"]), safe_id=True, **fields
        )


def build_project(portal, lead="92094", user="namur-secretaire", **fields):
    """A draft shared project started by the lead's secretary (Namur with
    Gembloux, 60/40, unless told otherwise)."""
    fields.setdefault("title", "Piste cyclable Namur-Gembloux")
    fields.setdefault("partners", ["92142"])
    fields.setdefault("budget_total", Decimal("1250000.00"))
    fields.setdefault(
        "shares",
        [
            {"ins_code": lead, "percent": Decimal("60")},
            {"ins_code": "92142", "percent": Decimal("40")},
        ],
    )
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal["shared-projects"],
            type="SharedProject",
            id=slug(fields["title"]),
            safe_id=True,
            lead_municipality=lead,
            **fields,
        )


def adopt_council_act(portal, municipality="namur", title="Convention de partenariat", **fields):
    """A council deliberation taken through proposal, validation and adoption."""
    fields.setdefault("session_date", belgian_today())
    act = build_act(portal, municipality=municipality, title=title, body="conseil", **fields)
    service = act.responsible_service
    do_transition(act, f"{municipality}-chef-{service}", "propose")
    do_transition(act, f"{municipality}-secretaire", "validate")
    do_transition(act, f"{municipality}-secretaire", "adopt")
    return act


def executory_act(portal, municipality="namur", title="Règlement communal", **fields):
    """A council act without tutelle, adopted and declared executory."""
    fields.setdefault("matter", "other")
    act = adopt_council_act(portal, municipality=municipality, title=title, **fields)
    do_transition(act, f"{municipality}-secretaire", "declare_executory")
    return act


# A one-page PDF: what tests that are not about the document's content store
# as the deliberation (the documents tests render the real one).
PLACEHOLDER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def store_deliberation(act, data: bytes = PLACEHOLDER_PDF):
    """Keep a deliberation PDF as the act's annex, as the secretariat does
    before transmitting it to the tutelle."""
    from imio.municipal.documents.generation import store_deliberation_pdf

    return store_deliberation_pdf(act, data)
