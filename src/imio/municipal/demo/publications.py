"""Demo: published acts, through the real `publish` transition.

Namur publishes its police ordinance for the Fêtes de Wallonie (a
regulation: it binds from the 5th day), the subdivision permit of Wépion
(a company, nothing masked) and a terrace authorisation that names a
private person (name, address, NISS, phone and e-mail masked; the City's
own bank account released with a reason). Gembloux publishes its sports
subsidies. With `make run` a local timestamp authority proves each
publication; elsewhere (tests) they are recorded without timestamp.
"""

from imio.municipal import logger
from imio.municipal.demo.builders import do_transition
from imio.municipal.documents.generation import converter_available
from imio.municipal.publication import decisions
from imio.municipal.publication.texts import public_texts
from plone import api


PUBLISHED = (
    ("namur", "Ordonnance de police temporaire"),
    ("namur", "Permis d'urbanisation « Les Hauts de Wépion »"),
    ("namur", "Autorisation d'occupation du domaine public — terrasse"),
    ("gembloux", "Octroi de subsides aux clubs sportifs"),
)
#: What the secretariat released on purpose, with its reason.
RELEASES = {"BE71 0961 2345 6769": "Compte bancaire de la Ville, pas une donnée personnelle."}


def _act(portal, city: str, title_start: str):
    for act in portal[city]["actes"].objectValues():
        if act.Title().startswith(title_start):
            return act
    return None


def _decide(act) -> None:
    """The secretariat's choices in the preview: release the City's account,
    mask every other possible personal data item."""
    for finding in public_texts(act).findings:
        reason = RELEASES.get(finding.text)
        if reason:
            decisions.decide(act, finding.key, "release", reason)
        elif not finding.certain:
            decisions.decide(act, finding.key, "mask")


def create_demo_publications(portal) -> int:
    if not converter_available():
        # A refused publication dooms the transaction: the demo would be lost.
        logger.warning("Demo publications skipped: LibreOffice is not running (no PDF).")
        return 0
    count = 0
    for city, title_start in PUBLISHED:
        act = _act(portal, city, title_start)
        if act is None or api.content.get_state(act) != "executory":
            logger.warning("Demo publication: no executory act %r in %s", title_start, city)
            continue
        # Published now, for real (the demo's spec date is not a publication).
        act.publication_date = None
        _decide(act)
        do_transition(act, f"{city}-secretaire", "publish")
        count += 1
    return count
