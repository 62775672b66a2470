"""The register of processing activities (GDPR art. 30.1) of a municipality (Plone-free).

Generated from what the product knows: one activity per procedure a case
file can follow and one for the acts of the municipal bodies, with their
purpose, legal basis, categories of persons and data, recipients (the
regional systems the exchange sends to), the retention of the table and,
where the municipality is authorised, the authentic sources consulted. What
only the municipality knows — its controller and DPO contacts, its security
measures, notes per activity — is completed by the data-protection officer
and kept beside (``completed``); the generated columns are never overwritten.

>>> rows = build_register(authorised_purposes={"urbanism-permit"})
>>> pu = next(row for row in rows if row.code == "pu")
>>> pu.recipients
'Plateforme des permis (Région wallonne)'
>>> pu.retention
"30 ans après la clôture, puis versement aux Archives de l'État"
>>> "BCED" in pu.sources, "BCED" in next(r for r in rows if r.code == "pe1").sources
(True, False)
"""

from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from imio.municipal.acts import tutelle
from imio.municipal.authentic.purposes import purposes_for_procedure
from imio.municipal.core.csv_safe import safe_row
from imio.municipal.dossiers.procedures import PROCEDURES
from imio.municipal.exchange.targets import TARGETS
from imio.municipal.records.retention import rule_for

import csv
import io


#: The fields the data-protection officer completes, per activity.
COMPLETED_FIELDS = ("security_measures", "transfers_outside_eu", "notes")
#: The fields completed once for the municipality.
CONTROLLER_FIELDS = ("controller_contact", "dpo_contact")

PERSONS_DOSSIER = "Demandeurs (personnes physiques, représentants d'entreprises), auteurs de projet"
DATA_DOSSIER = (
    "Identification (nom, NISS ou BCE), coordonnées (adresse, courriel, téléphone), "
    "parcelles cadastrales, contenu de la demande"
)
PERSONS_ACTS = "Personnes citées dans les décisions (demandeurs, membres du personnel, tiers)"
DATA_ACTS = "Identification et données nécessaires à la décision"
FATE_FR = {
    "destroy": "puis destruction",
    "anonymise": "puis anonymisation",
    "transfer": "puis versement aux Archives de l'État",
}
SOURCE_AUTHENTIC = "BCED : registre national et Banque-Carrefour des Entreprises"
SOURCE_APPLICANT = "La personne concernée (demande)"


@dataclass
class Activity:
    code: str
    name: str
    purpose: str
    legal_basis: str
    persons: str
    data: str
    recipients: str
    retention: str
    sources: str
    security_measures: str = ""
    transfers_outside_eu: str = ""
    notes: str = ""


COLUMNS = tuple(Activity.__dataclass_fields__)


def _retention_text(subject: str, code: str) -> str:
    rule = rule_for(subject, code)
    start = "la clôture" if rule.starts == "closed" else "l'adoption"
    return f"{rule.years} ans après {start}, {FATE_FR[rule.fate]}"


def _recipients(portal_type: str) -> str:
    titles = [t.title for t in TARGETS.values() if t.portal_type == portal_type]
    return ", ".join(f"{title} (Région wallonne)" for title in titles)


def _dossier_activity(procedure, authorised: set[str]) -> Activity:
    purposes = purposes_for_procedure(procedure.code)
    sources = [SOURCE_APPLICANT]
    if any(p.id in authorised for p in purposes):
        sources.append(SOURCE_AUTHENTIC)
    basis = "; ".join(p.legal_basis for p in purposes) or "RGPD, art. 6.1.e"
    if procedure.article:
        basis = f"{basis} ({procedure.article})"
    return Activity(
        code=procedure.code,
        name=procedure.title_fr,
        purpose=" / ".join(p.title_fr for p in purposes) or f"Traitement : {procedure.title_fr}",
        legal_basis=basis,
        persons=PERSONS_DOSSIER,
        data=DATA_DOSSIER,
        recipients=_recipients("Dossier") if purposes else "",
        retention=_retention_text("procedure", procedure.code),
        sources=", ".join(sources),
    )


def _act_activity(kind) -> Activity:
    return Activity(
        code=kind.code,
        name=kind.title_fr,
        purpose=f"Adoption et publicité : {kind.title_fr}",
        legal_basis="RGPD, art. 6.1.c et 6.1.e ; Code de la démocratie locale et de la "
        "décentralisation",
        persons=PERSONS_ACTS,
        data=DATA_ACTS,
        recipients=_recipients("Act"),
        retention=_retention_text("act", kind.code),
        sources=SOURCE_APPLICANT,
    )


def build_register(
    authorised_purposes: Iterable[str] = (),
    completed: dict[str, dict[str, str]] | None = None,
) -> list[Activity]:
    """The activities of a municipality, completed with what its DPO wrote
    (``{activity code: {field: text}}``; unknown fields are refused)."""
    authorised = set(authorised_purposes)
    activities = [_dossier_activity(p, authorised) for p in PROCEDURES.values()]
    activities += [_act_activity(kind) for kind in tutelle.KINDS.values()]
    completed = completed or {}
    for activity in activities:
        for field, text in completed.get(activity.code, {}).items():
            if field not in COMPLETED_FIELDS:
                raise ValueError(f"{field!r} is not completed by the DPO")
            setattr(activity, field, text)
    return activities


def register_csv(activities: list[Activity], header: dict[str, str] | None = None) -> str:
    """The register as CSV (``;``-separated for spreadsheets set to French),
    every cell made safe for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for key, value in (header or {}).items():
        writer.writerow(safe_row([key, value]))
    writer.writerow(COLUMNS)
    for activity in activities:
        row = asdict(activity)
        writer.writerow(safe_row([row[column] for column in COLUMNS]))
    return out.getvalue()
