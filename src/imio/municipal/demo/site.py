"""Demo content: Namur and Gembloux, their services and demo users.

Demo only: every password is ``demo``. Users get their roles through the
groups of their municipality, never directly.
"""

from imio.municipal import logger
from imio.municipal.demo.acts import create_demo_acts
from imio.municipal.demo.advice import create_demo_advice
from imio.municipal.demo.authentic import create_demo_authorisations
from imio.municipal.demo.councillors import create_demo_councillors
from imio.municipal.demo.counter import create_demo_counter
from imio.municipal.demo.dossiers import create_demo_dossiers
from imio.municipal.demo.faces import create_demo_faces
from imio.municipal.demo.minutes import create_demo_minutes
from imio.municipal.demo.pic import create_demo_pic
from imio.municipal.demo.privacy import create_demo_privacy
from imio.municipal.demo.projects import create_demo_projects
from imio.municipal.demo.public_profile import complete_public_profiles
from imio.municipal.demo.publications import create_demo_publications
from imio.municipal.demo.sessions import create_demo_sessions
from imio.municipal.platform import naming
from plone import api


DEMO_PASSWORD = "demo"  # noqa: S105 (demo profile only, documented in README)
PLATFORM_ADMINS_GROUP = "platform_admins"

SERVICES = [
    {"id": "secretariat", "title": "Secrétariat communal"},
    {"id": "urbanisme", "title": "Urbanisme"},
    {"id": "travaux", "title": "Travaux"},
    {"id": "finances", "title": "Finances"},
]

# BCE numbers: valid checksums, demo values (check the BCE register in production).
MUNICIPALITIES = [
    {
        "id": "namur",
        "title": "Namur",
        "description": "Ville de Namur, capitale de la Wallonie.",
        "ins_code": "92094",
        "bce_number": "0216.689.981",
        "address": "Hôtel de Ville\nEsplanade de l'Hôtel de Ville 1\n5000 Namur",
        "email": "info@ville.namur.be",
        "website": "https://www.namur.be",
    },
    {
        "id": "gembloux",
        "title": "Gembloux",
        "description": "Ville de Gembloux.",
        "ins_code": "92142",
        "bce_number": "0207.344.329",
        "address": "Hôtel de Ville\nParc d'Épinal\n5030 Gembloux",
        "email": "info@gembloux.be",
        "website": "https://www.gembloux.be",
    },
]

# Fictitious persons, like every demo official.
FINANCIAL_DIRECTORS = {"namur": ("Hervé", "Gillardin"), "gembloux": ("Mireille", "Oosterlinck")}

SERVICE_PEOPLE = {
    "urbanisme": ("Urbanisme", ("Claire", "Dubois"), ("Marc", "Lambert")),
    "travaux": ("Travaux", ("Julien", "Renard"), ("Sophie", "Martin")),
    "finances": ("Finances", ("Nadia", "Peeters"), ("Luc", "Lejeune")),
}


def demo_users(municipality: dict) -> list[dict]:
    """The demo logins of a municipality and the group each belongs to."""
    slug, ins = municipality["id"], municipality["ins_code"]
    city = municipality["title"]
    users = []
    for service, (label, agent, chief) in SERVICE_PEOPLE.items():
        users.append(
            {
                "login": f"{slug}-agent-{service}",
                "fullname": f"{agent[0]} {agent[1]} ({city}, agent {label.lower()})",
                "group": naming.editors_group(ins, service),
            }
        )
        users.append(
            {
                "login": f"{slug}-chef-{service}",
                "fullname": f"{chief[0]} {chief[1]} ({city}, chef de service {label.lower()})",
                "group": naming.reviewers_group(ins, service),
            }
        )
    users.append(
        {
            "login": f"{slug}-secretaire",
            "fullname": f"Directeur général de {city}",
            "group": naming.secretaries_group(ins),
        }
    )
    users.append(
        {
            "login": f"{slug}-college",
            "fullname": f"Échevin de {city}",
            "group": naming.college_group(ins),
        }
    )
    first, last = FINANCIAL_DIRECTORS.get(slug, ("Directeur", "financier"))
    users.append(
        {
            "login": f"{slug}-directeur-financier",
            "fullname": f"{first} {last} ({city}, directeur financier)",
            "group": naming.financial_director_group(ins),
        }
    )
    return users


def _ensure_user(login: str, fullname: str) -> None:
    if api.user.get(username=login) is not None:
        return
    # source_users directly: the demo password "demo" is shorter than the
    # password policy allows for real accounts.
    acl_users = api.portal.get_tool("acl_users")
    acl_users.source_users.doAddUser(login, DEMO_PASSWORD)
    # What registration gives every user: the basic Member role.
    acl_users.portal_role_manager.doAssignRoleToPrincipal(login, "Member")
    user = api.user.get(username=login)
    user.setMemberProperties(
        {"fullname": fullname, "email": f"{login}@demo.imio.be", "language": "fr"}
    )


def _ensure_municipality(portal, data: dict) -> None:
    if data["id"] in portal.objectIds():
        return
    api.content.create(
        container=portal,
        type="Municipality",
        services=list(SERVICES),
        **data,
    )


def add_demo_municipality(portal, data: dict) -> None:
    """A municipality with the demo services and users (idempotent)."""
    _ensure_municipality(portal, data)
    for user in demo_users(data):
        _ensure_user(user["login"], user["fullname"])
        api.group.add_user(groupname=user["group"], username=user["login"])


def post_install(setup_tool):
    """Create the demo municipalities and users (idempotent)."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        for data in MUNICIPALITIES:
            add_demo_municipality(portal, data)
        complete_public_profiles(portal)
        if api.group.get(groupname=PLATFORM_ADMINS_GROUP) is None:
            api.group.create(
                groupname=PLATFORM_ADMINS_GROUP,
                title="Administrateurs de la plateforme",
                roles=["Site Administrator"],
            )
        _ensure_user("platform-admin", "Administrateur de la plateforme")
        api.group.add_user(groupname=PLATFORM_ADMINS_GROUP, username="platform-admin")
        create_demo_privacy(portal, MUNICIPALITIES, _ensure_user)
    create_demo_faces(portal)
    create_demo_dossiers(portal)
    create_demo_acts(portal)
    create_demo_advice(portal)
    create_demo_pic(portal)
    create_demo_projects(portal)
    create_demo_publications(portal)
    create_demo_counter(portal)
    create_demo_sessions(portal)
    create_demo_councillors(portal, MUNICIPALITIES, _ensure_user)
    create_demo_minutes(portal)
    create_demo_authorisations(portal)
    logger.info("Demo content ready: %s", ", ".join(m["id"] for m in MUNICIPALITIES))
