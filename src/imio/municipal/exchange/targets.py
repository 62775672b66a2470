"""The regional systems the product sends to (Plone-free)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    submit_path: str
    poll_path: str
    # The transition that sends an object there.
    portal_type: str


ETUTELLE = Target(
    id="etutelle",
    title="e-Tutelle",
    submit_path="/etutelle/1.0/submissions",
    poll_path="/etutelle/1.0/outcomes",
    portal_type="Act",
)
GUICHET = Target(
    id="guichet",
    title="Guichet des pouvoirs locaux (PIC)",
    submit_path="/guichet/1.0/pic-plans",
    poll_path="/guichet/1.0/decisions",
    portal_type="InvestmentPlan",
)
# Responses to the permit platform go to each notification's own address
# (the message's ``path``, permits_responses.py); what comes in is polled by
# permits_inbox.py.
PERMITS = Target(
    id="permits",
    title="Plateforme des permis",
    submit_path="",
    poll_path="",
    portal_type="Dossier",
)
TARGETS = {target.id: target for target in (ETUTELLE, GUICHET, PERMITS)}
TRANSPORTS = ("http", "package")


def token_variables(target_id: str, ins_code: str) -> tuple[str, str]:
    """The environment variables holding a target's token, most specific first:
    ``IMIO_MUNICIPAL_TOKEN_ETUTELLE_92094``, then ``IMIO_MUNICIPAL_TOKEN_ETUTELLE``."""
    generic = f"IMIO_MUNICIPAL_TOKEN_{target_id.upper()}"
    return f"{generic}_{ins_code}", generic
