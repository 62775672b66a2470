"""Every procedure a Dossier can follow, with its legal delays and sources (Plone-free).

This is the one module holding the delays of the Walloon urbanism and environment
procedures (legal constants live in one module, next to their article).
Delays are in calendar days; :mod:`imio.municipal.dossiers.deadlines` turns them into dates.

Sources, and how far each number was checked (from stored public copies;
the consolidated texts on wallex.wallonie.be were not readable from here):

CoDT (Code du Développement territorial):

- D.IV.33: within 20 days of receiving a permit or CU2 request, the college
  sends an acknowledgement (complete file) or the list of missing pieces; the
  applicant then has 180 days to complete, else the request is inadmissible
  (text quoted in a request-form notice on mydeed.my-preprod.space; the 20 days
  also on the Virton and Ouffet municipal pages).
  **Warning:** the CoDT reform voted 19 December 2023 (in force 1 April 2024)
  changed this delay: "le délai ... (article D.IV.33) passe de 20 ..."
  (snpc-nems.be; the new figure was cut off). Secondary sources say 30 days; not
  verified against the text. 20 is kept because it is the
  earlier, hence safe, deadline: missing it makes the file deemed complete.
- D.IV.46: the college's decision on a permit or a CU2 is sent within 30 days
  (no special publicity, no opinion of services or commissions, no opinion of
  the delegated officer), 75 days (publicity, or such opinions, or the optional
  opinion of the delegated officer), 115 days (the delegated officer's opinion
  and publicity or opinions), counted from the day the acknowledgement was sent
  or, failing one, from the day after its delay ended (article quoted on
  charleroi.be; the 115-day condition from airplan.be, 2024). The college may
  extend the delay by 30 days (D.IV.46 per lmkconseil.be and UVCW, who report
  Council of State no. 242.424 of 25 September 2018: only once the delay has
  started to run).
- CU1 (D.IV.97): delivered within 30 days of the college's receipt of the
  request (wallonie.be, "Demander un certificat d'urbanisme n°1"); the article
  carrying the 30 days was not read.

Décret du 11 mars 1999 relatif au permis d'environnement (PE):

- Art. 20: the technical officer has 20 days from receiving the request to rule
  on its being complete and admissible (environnement.wallonie.be procedure
  page). The commune forwards the request within 3 working days (art. 18), so
  20 days from the commune's receipt is an early, safe approximation.
- Decision: class 2 within 70 days after the file was found complete
  (Barnich et al., guide on vlex.be); class 1 within 140 days (not verified;
  consistent with the 160 to 190 days in total given by environnement-entreprise.be,
  i.e. 20 + 140 + 30). The article numbers were not verified. The 30-day
  extension is the one "the 1999 decree already offered" (abilways.be) — number
  from secondary sources only.
- Class 3 declaration: no decision. The commune declares it inadmissible within
  8 days or admissible within 15 days of receipt (AGW of 4 July 2002, art. 70 and
  69, environnement.wallonie.be); it may add conditions within 30 days; the
  declarant may operate 15 days after the declaration unless it was declared
  inadmissible (UVCW). Modelled as a 15-day completeness delay, no decision delay.

Not modelled: the extension of CoDT delays by the time needed for a decision on a
communal road (D.IV.41) and by inquiries held 16 July-15 August or 24 December-
1 January (both printed on the acknowledgement); the delegated officer's own
delays after the college misses its delay.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from imio.municipal import _
from imio.municipal.errors import InvalidInput
from types import MappingProxyType
from typing import Literal


# CoDT art. D.IV.33 (2017 text; see the warning above about the 2024 reform).
CODT_COMPLETENESS_DAYS = 20
CODT_COMPLETION_LIMIT_DAYS = 180
# CoDT art. D.IV.46, 1°, 2° and 3°, and the college's single extension.
CODT_DECISION_DAYS = 30
CODT_DECISION_DAYS_CONSULTED = 75
CODT_DECISION_DAYS_DELEGATED_OFFICER = 115
CODT_EXTENSION_DAYS = 30
# CoDT art. D.IV.97 (CU1), counted from the receipt of the request.
CU1_DECISION_DAYS = 30
# Décret du 11 mars 1999 relatif au permis d'environnement.
PE_COMPLETENESS_DAYS = 20  # art. 20
PE_CLASS1_DECISION_DAYS = 140  # article not verified
PE_CLASS2_DECISION_DAYS = 70  # article not verified
PE_EXTENSION_DAYS = 30  # secondary sources only
# AGW du 4 juillet 2002 (procédure PE), art. 69: admissibility of a class 3 declaration.
PE_CLASS3_ADMISSIBILITY_DAYS = 15


class UnknownProcedure(InvalidInput):
    """Raised for a procedure code that is not in :data:`PROCEDURES`."""

    def __init__(self, code: object) -> None:
        self.code = code
        known = ", ".join(PROCEDURES)
        super().__init__(f"Unknown procedure {code!r}; known procedures: {known}")


@dataclass(frozen=True)
class Procedure:
    """A procedure a Dossier can follow, and the delays the law sets for it.

    >>> get("pu").decision_delay(opinions=True)
    75
    """

    # ASCII token used in references ``{year}/{code}/{seq}``.
    code: str
    # Translatable title (English default; the French catalog translates it).
    title: str
    # Plain French title, for documentation and demo content.
    title_fr: str
    # The legal source of the delays below, as shown to users ("" for none).
    article: str
    # Days to acknowledge a complete file or list the missing pieces.
    completeness_days: int | None = None
    # Days the applicant has to complete an incomplete file before it is inadmissible.
    completion_limit_days: int | None = None
    # Fixed decision delay; for CoDT permits, see ``codt_decision_table``.
    decision_days: int | None = None
    # The delay depends on the delegated officer, opinions and inquiry (CoDT D.IV.46).
    codt_decision_table: bool = False
    # What starts the decision delay: the complete-file date or the receipt; a
    # generic file has no delay, only the due date the municipality sets.
    decision_runs_from: Literal["completeness", "receipt", "due_date"] = "completeness"
    # Longest extension the law allows; None when the law sets no maximum.
    max_extension_days: int | None = None
    # How far the delays were checked against their source (for developers).
    verification: str = ""

    def decision_delay(
        self, *, delegated_officer: bool = False, opinions: bool = False, inquiry: bool = False
    ) -> int | None:
        """Days to decide, or None when the procedure has no legal decision delay.

        ``delegated_officer``: the delegated officer's opinion is requested;
        ``opinions``: services or commissions are consulted; ``inquiry``: a
        public inquiry or project announcement is held. Only CoDT permits and
        CU2 depend on them.

        >>> get("pu").decision_delay(delegated_officer=True, inquiry=True)
        115
        """
        if not self.codt_decision_table:
            return self.decision_days
        consulted = opinions or inquiry
        if delegated_officer and consulted:
            return CODT_DECISION_DAYS_DELEGATED_OFFICER
        if delegated_officer or consulted:
            return CODT_DECISION_DAYS_CONSULTED
        return CODT_DECISION_DAYS


def _codt_permit(code: str, title: str, title_fr: str) -> Procedure:
    # Permits and CU2 share D.IV.33 (completeness) and D.IV.46 (decision).
    return Procedure(
        code=code,
        title=title,
        title_fr=title_fr,
        article="CoDT, art. D.IV.33 et D.IV.46",
        verification="D.IV.33 and D.IV.46 verified (see the module docstring)",
        completeness_days=CODT_COMPLETENESS_DAYS,
        completion_limit_days=CODT_COMPLETION_LIMIT_DAYS,
        codt_decision_table=True,
        max_extension_days=CODT_EXTENSION_DAYS,
    )


_PROCEDURES = (
    _codt_permit("pu", _("procedure_pu", default="Urbanism permit"), "Permis d'urbanisme"),
    Procedure(
        code="cu1",
        title=_("procedure_cu1", default="Urbanism certificate no. 1"),
        title_fr="Certificat d'urbanisme n° 1",
        article="CoDT, art. D.IV.97",
        verification="30 days from receipt: wallonie.be; the article itself not read",
        decision_days=CU1_DECISION_DAYS,
        decision_runs_from="receipt",
    ),
    _codt_permit(
        "cu2",
        _("procedure_cu2", default="Urbanism certificate no. 2"),
        "Certificat d'urbanisme n° 2",
    ),
    # The delegated officer's opinion may always be required for a
    # permis d'urbanisation (hence 75 or 115 days): not verified, so the flag
    # stays the caller's; leaving it unset gives the earlier, safe deadline.
    _codt_permit(
        "pur",
        _("procedure_pur", default="Subdivision permit"),
        "Permis d'urbanisation",
    ),
    Procedure(
        code="pe1",
        title=_("procedure_pe1", default="Environment permit (class 1)"),
        title_fr="Permis d'environnement (classe 1)",
        article="Décret du 11 mars 1999 relatif au permis d'environnement",
        verification="art. 20 (completeness) verified; the decision-delay article not",
        completeness_days=PE_COMPLETENESS_DAYS,
        decision_days=PE_CLASS1_DECISION_DAYS,
        max_extension_days=PE_EXTENSION_DAYS,
    ),
    Procedure(
        code="pe2",
        title=_("procedure_pe2", default="Environment permit (class 2)"),
        title_fr="Permis d'environnement (classe 2)",
        article="Décret du 11 mars 1999 relatif au permis d'environnement",
        verification="art. 20 (completeness) verified; the decision-delay article not",
        completeness_days=PE_COMPLETENESS_DAYS,
        decision_days=PE_CLASS2_DECISION_DAYS,
        max_extension_days=PE_EXTENSION_DAYS,
    ),
    # A declaration is not decided: the 15 days to declare it admissible are its
    # completeness delay, after which the declarant may operate.
    Procedure(
        code="pe3",
        title=_("procedure_pe3", default="Environmental declaration (class 3)"),
        title_fr="Déclaration environnementale (classe 3)",
        article="Décret du 11 mars 1999; AGW du 4 juillet 2002, art. 69-70",
        verification="AGW art. 69-70 via UVCW",
        completeness_days=PE_CLASS3_ADMISSIBILITY_DAYS,
    ),
    Procedure(
        code="generic",
        title=_("procedure_generic", default="Generic case file"),
        title_fr="Dossier générique",
        # No legal procedure: an optional due date set by the municipality.
        article="",
        decision_runs_from="due_date",
    ),
)

#: Every procedure, by code, in the order offered to users.
PROCEDURES: Mapping[str, Procedure] = MappingProxyType({p.code: p for p in _PROCEDURES})


def get(code: str) -> Procedure:
    """The procedure with this code.

    >>> print(get("pe2").title_fr)
    Permis d'environnement (classe 2)
    """
    try:
        return PROCEDURES[code]
    except (KeyError, TypeError):
        raise UnknownProcedure(code) from None


def decision_delay(
    code: str, *, delegated_officer: bool = False, opinions: bool = False, inquiry: bool = False
) -> int | None:
    """Days the authority has to decide on a file following this procedure.

    None for procedures without a legal decision delay (``generic``, ``pe3``).

    >>> decision_delay("pu"), decision_delay("pe1"), decision_delay("generic")
    (30, 140, None)
    """
    return get(code).decision_delay(
        delegated_officer=delegated_officer, opinions=opinions, inquiry=inquiry
    )
