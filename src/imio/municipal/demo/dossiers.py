"""A dozen realistic case files for the demo, in various states.

Dates are relative to the day the demo is built, so that some deadlines are
overdue, some close, some comfortable whenever the demo is installed.
Identifiers are checksum-valid but fictitious.
"""

from datetime import timedelta
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import slug
from imio.municipal.dossiers.workflow import today
from plone import api


# (municipality, agent, service, procedure, title, applicant, location,
#  days since receipt, flags, transitions as (user suffix, transition, comment))
PERSON_A = {
    "kind": "person",
    "name": "Marie Lambotte",
    "niss": "85073003328",
    "address": "Rue de Fer 12, 5000 Namur",
    "email": "marie.lambotte@example.be",
    "phone": "081 22 33 44",
}
PERSON_B = {
    "kind": "person",
    "name": "Jean-Pierre Collard",
    "niss": "72110345673",
    "address": "Chaussée de Louvain 210, 5020 Champion",
    "email": "jp.collard@example.be",
}
PERSON_C = {
    "kind": "person",
    "name": "Fatima El Amrani",
    "niss": "90021512370",
    "address": "Rue des Carmes 4, 5000 Namur",
    "email": "f.elamrani@example.be",
}
PERSON_D = {
    "kind": "person",
    "name": "Luc Derenne",
    "niss": "01052001156",
    "address": "Avenue de la Faculté 8, 5030 Gembloux",
}
COMPANY_A = {
    "kind": "company",
    "name": "Immo Meuse SRL",
    "bce": "0216.689.981",
    "address": "Boulevard d'Herbatte 99, 5000 Namur",
    "email": "info@immo-meuse.example.be",
    "contact": "Sophie Grégoire",
}
COMPANY_B = {
    "kind": "company",
    "name": "Carrières du Hainaut SA",
    "bce": "0207.344.329",
    "address": "Route de Gembloux 3, 5030 Gembloux",
    "contact": "Marc Thiry",
}

RECEIVE = ("agent", "receive", "")
COMPLETE = ("agent", "declare_complete", "")
INCOMPLETE = ("agent", "declare_incomplete", "")
SUBMIT = ("agent", "submit", "")
PROPOSE = ("chef", "propose", "")
SEND_BACK = (
    "chef",
    "return_to_agent",
    "Pièces manquantes : l'avis du fonctionnaire délégué n'est pas joint.",
)
DECIDE = ("secretaire", "decide", "")
CLOSE = ("secretaire", "close", "")

DOSSIERS = [
    (
        "namur",
        "urbanisme",
        "pu",
        "Extension d'une maison unifamiliale",
        [PERSON_A],
        "Rue de Fer 12, 5000 Namur",
        ["92094A0123/00B000"],
        95,
        {"opinions_requested": True},
        [RECEIVE, COMPLETE, SUBMIT, PROPOSE],
    ),
    (
        "namur",
        "urbanisme",
        "pu",
        "Construction de 12 logements",
        [COMPANY_A],
        "Boulevard d'Herbatte 101, 5000 Namur",
        ["92094B0456/00A000", "92094B0457/00_000"],
        130,
        {"delegated_officer": True, "public_inquiry": True},
        [RECEIVE, COMPLETE, SUBMIT, SEND_BACK],
    ),
    (
        "namur",
        "urbanisme",
        "pu",
        "Abattage d'un arbre remarquable",
        [PERSON_B],
        "Chaussée de Louvain 210, 5020 Champion",
        [],
        45,
        {},
        [RECEIVE, COMPLETE, SUBMIT],
    ),
    (
        "namur",
        "urbanisme",
        "cu1",
        "Certificat n° 1 : terrain rue des Carmes",
        [PERSON_C],
        "Rue des Carmes 4, 5000 Namur",
        ["92094C0789/00D000"],
        10,
        {},
        [RECEIVE],
    ),
    (
        "namur",
        "urbanisme",
        "pu",
        "Transformation d'un commerce en logement",
        [PERSON_C],
        "Rue de l'Ange 18, 5000 Namur",
        [],
        30,
        {
            "missing_pieces": [
                "Plan d'implantation signé par l'architecte",
                "Reportage photographique",
            ]
        },
        [RECEIVE, INCOMPLETE],
    ),
    (
        "namur",
        "urbanisme",
        "pur",
        "Permis d'urbanisation « Les Hauts de Wépion »",
        [COMPANY_A],
        "Chemin des Marronniers, 5100 Wépion",
        ["92094D0012/00A000"],
        200,
        {"delegated_officer": True, "opinions_requested": True, "public_inquiry": True},
        [RECEIVE, COMPLETE, SUBMIT, PROPOSE, DECIDE],
    ),
    (
        "namur",
        "travaux",
        "generic",
        "Réfection de la voirie rue Saint-Nicolas",
        [COMPANY_A],
        "Rue Saint-Nicolas, 5000 Namur",
        [],
        20,
        {"due_days": 5},
        [RECEIVE],
    ),
    (
        "namur",
        "urbanisme",
        "pu",
        "Placement de panneaux photovoltaïques",
        [PERSON_B],
        "Rue Basse-Marcelle 2, 5000 Namur",
        [],
        0,
        {},
        [],
    ),
    (
        "gembloux",
        "urbanisme",
        "pu",
        "Construction d'un hangar agricole",
        [PERSON_D],
        "Chemin de la Ferme 1, 5030 Gembloux",
        ["92142A0300/00C000"],
        40,
        {"opinions_requested": True},
        [RECEIVE, COMPLETE],
    ),
    (
        "gembloux",
        "urbanisme",
        "pe2",
        "Extension d'une carrière (classe 2)",
        [COMPANY_B],
        "Route de Gembloux 3, 5030 Gembloux",
        [],
        85,
        {},
        [RECEIVE, COMPLETE, SUBMIT, PROPOSE],
    ),
    (
        "gembloux",
        "urbanisme",
        "pu",
        "Rénovation d'une façade classée",
        [PERSON_D],
        "Grand-Rue 5, 5030 Gembloux",
        [],
        120,
        {},
        [RECEIVE, COMPLETE, SUBMIT, PROPOSE, DECIDE, CLOSE],
    ),
    (
        "gembloux",
        "travaux",
        "generic",
        "Demande d'éclairage public rue des Oies",
        [PERSON_D],
        "Rue des Oies, 5030 Gembloux",
        [],
        3,
        {"due_days": 30},
        [RECEIVE],
    ),
]


def _login(city: str, function: str, service: str) -> str:
    return f"{city}-{function}" if function == "secretaire" else f"{city}-{function}-{service}"


def create_demo_dossiers(portal) -> int:
    """Create the demo case files once; the number created."""
    created = 0
    for (
        city,
        service,
        procedure,
        title,
        applicants,
        location,
        parcels,
        days_ago,
        flags,
        transitions,
    ) in DOSSIERS:
        folder = portal[city]["dossiers"]
        if any(obj.Title() == title for obj in folder.objectValues()):
            continue
        flags = dict(flags)
        received = today() - timedelta(days=days_ago)
        due_days = flags.pop("due_days", None)
        agent = _login(city, "agent", service)
        with api.env.adopt_user(username=agent):
            dossier = api.content.create(
                container=folder,
                type="Dossier",
                id=slug(title),
                safe_id=True,
                title=title,
                procedure=procedure,
                responsible_service=service,
                assigned_agent=agent,
                applicants=[dict(a) for a in applicants],
                location_address=location,
                parcels=list(parcels),
                received_date=received,
                due_date=received + timedelta(days=due_days) if due_days else None,
                **flags,
            )
        for function, transition, comment in transitions:
            if transition == "declare_complete":
                dossier.completeness_date = received + timedelta(days=min(12, days_ago))
            do_transition(dossier, _login(city, function, service), transition, comment)
        created += 1
    return created
