"""Why a municipality may consult the authentic sources (Plone-free).

A consultation of the national register or of the BCE through the BCED is
lawful only for a purpose the municipality is authorised for (loi du 8 août
1983 organisant un registre national, art. 5; the authorisations of the
Comité de sécurité de l'information), and only in a case file of a procedure
that purpose serves. The purposes are data; which ones a municipality holds
is kept per municipality (:mod:`imio.municipal.authentic.authorisations`).

>>> sorted(PURPOSES)
['environment-permit', 'urbanism-permit']
>>> [p.id for p in purposes_for_procedure("pe2")]
['environment-permit']
>>> purposes_for_procedure("generic")
[]
"""

from dataclasses import dataclass
from imio.municipal import _
from imio.municipal.errors import InvalidInput


@dataclass(frozen=True)
class Purpose:
    id: str
    # Translatable title (English default, French in the catalog).
    title: str
    title_fr: str
    # The lawfulness of the processing (GDPR art. 6) and the law the task comes from.
    legal_basis: str
    # The procedures (dossiers.procedures codes) whose case files serve it.
    procedures: tuple[str, ...]
    # What may be looked up for it: "person", "enterprise".
    sources: tuple[str, ...]


_PURPOSES = (
    Purpose(
        id="urbanism-permit",
        title=_("purpose_urbanism_permit", default="Processing urbanism permits and certificates"),
        title_fr="Instruction des permis et certificats d'urbanisme",
        legal_basis="RGPD, art. 6.1.e ; CoDT, art. D.IV.1 et suivants",
        procedures=("pu", "cu1", "cu2", "pur"),
        sources=("person", "enterprise"),
    ),
    Purpose(
        id="environment-permit",
        title=_(
            "purpose_environment_permit",
            default="Processing environment permits and declarations",
        ),
        title_fr="Instruction des permis et déclarations d'environnement",
        legal_basis="RGPD, art. 6.1.e ; décret du 11 mars 1999 relatif au permis d'environnement",
        procedures=("pe1", "pe2", "pe3"),
        sources=("person", "enterprise"),
    ),
)

PURPOSES = {purpose.id: purpose for purpose in _PURPOSES}


class UnknownPurpose(InvalidInput):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.message = _(
            "error_authentic_unknown_purpose",
            default="${value} is not a purpose for consulting the authentic sources; "
            "known purposes: ${known}.",
            mapping={"value": value, "known": ", ".join(PURPOSES)},
        )


def get(purpose_id: str) -> Purpose:
    try:
        return PURPOSES[purpose_id]
    except (KeyError, TypeError):
        raise UnknownPurpose(str(purpose_id)) from None


def purposes_for_procedure(procedure: str) -> list[Purpose]:
    """The purposes a case file of ``procedure`` serves."""
    return [purpose for purpose in _PURPOSES if procedure in purpose.procedures]
