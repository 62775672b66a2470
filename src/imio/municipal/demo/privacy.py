"""The demo's data-protection officers: ``namur-dpo`` and ``gembloux-dpo``."""

from imio.municipal.platform import naming
from plone import api


DPO_PEOPLE = {"namur": ("Inès", "Marchal"), "gembloux": ("Thomas", "Delvaux")}


def create_demo_privacy(portal, municipalities, ensure_user) -> None:
    """One DPO per demo municipality, in its ``{ins}_dpo`` group (idempotent)."""
    for data in municipalities:
        first, last = DPO_PEOPLE.get(data["id"], ("Délégué", "à la protection des données"))
        login = f"{data['id']}-dpo"
        ensure_user(login, f"{first} {last} ({data['title']}, DPO)")
        api.group.add_user(groupname=naming.dpo_group(data["ins_code"]), username=login)
