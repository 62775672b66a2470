"""Builders of test and demo objects: one readable line per object."""

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
            container=portal[municipality]["dossiers"], type="Dossier", **fields
        )


def do_transition(obj, user, name, comment=""):
    """Take a workflow transition as a (demo) user."""
    with api.env.adopt_user(username=user):
        api.content.transition(obj=obj, transition=name, comment=comment)
