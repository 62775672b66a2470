"""Realistic inputs for the exchange formats (imported by the tests of this folder)."""

from datetime import date
from datetime import datetime
from datetime import timezone
from decimal import Decimal
from imio.municipal.exchange.common import FileEntry
from imio.municipal.exchange.common import Sender
from imio.municipal.exchange.etutelle import ActSubmission
from imio.municipal.exchange.pic_format import Investment
from imio.municipal.exchange.pic_format import PlanSubmission
from imio.municipal.pic import rules as pic


TOKEN = "test-token"  # noqa: S105
NAMUR = Sender(ins_code="92094", bce_number="0216.689.981", name="Ville de Namur")
GEMBLOUX = Sender(ins_code="92142", bce_number="0207.344.329", name="Ville de Gembloux")
CREATED_AT = datetime(2026, 11, 26, 9, 15, tzinfo=timezone.utc)


def pdf(title: str) -> bytes:
    """A small, well-formed one-page PDF showing ``title``."""
    content = b"BT /F1 12 Tf 72 770 Td (%s) Tj ET" % title.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def namur_tax_files() -> tuple[FileEntry, ...]:
    return (
        FileEntry(
            "deliberation-2026-conseil-118.pdf",
            "application/pdf",
            pdf("Reglement-taxe sur les secondes residences 2027-2031"),
            "deliberation",
        ),
        FileEntry(
            "avis-directeur-financier.pdf",
            "application/pdf",
            pdf("Avis de legalite du directeur financier"),
            "justificatory",
        ),
        FileEntry(
            "preuve-concertation-comite-direction.pdf",
            "application/pdf",
            pdf("Concertation Commune-CPAS et comite de direction"),
            "justificatory",
        ),
    )


def namur_tax_regulation(**changes) -> ActSubmission:
    """Namur's tax regulation on second homes, under approval tutelle."""
    values = dict(
        message_id="3f2b8c1e-6d4a-4f0b-9a57-2c8e1d9b7a10",
        created_at=CREATED_AT,
        sender=NAMUR,
        number="2026/conseil/118",
        kind="regulation",
        body="conseil",
        matter="tax_regulation",
        regime="approval",
        title="Règlement-taxe sur les secondes résidences — exercices 2027 à 2031",
        session_date=date(2026, 11, 24),
        members_present=39,
        votes_for=27,
        votes_against=8,
        votes_abstention=4,
        unanimity=False,
        files=namur_tax_files(),
    )
    values.update(changes)
    return ActSubmission(**values)


def investment(title, category, estimate, phase, spge=None, **extra) -> Investment:
    """An investment sheet whose amounts are computed by imio.municipal.pic.rules."""
    amounts = pic.investment_amounts(Decimal(estimate), Decimal(spge) if spge else None)
    return Investment(
        title=title,
        category=category,
        estimate_incl_vat=amounts["estimate_incl_vat"],
        spge_share=amounts["spge_share"],
        eligible_amount=amounts["eligible_amount"],
        subsidy_rate=amounts["subsidy_rate"],
        subsidy=amounts["subsidy"],
        municipal_share=amounts["municipal_share"],
        phase=phase,
        **extra,
    )


def gembloux_plan(**changes) -> PlanSubmission:
    """Gembloux's PIC 2025-2027: a road, a joint sewer file and a school roof."""
    values = dict(
        message_id="8d1f4a2c-3b5e-4c6d-8e7f-9a0b1c2d3e4f",
        created_at=CREATED_AT,
        sender=GEMBLOUX,
        title="Plan d'investissement communal 2025-2027",
        period="2025-2027",
        envelope=Decimal("1250000.00"),
        subsidy_rate=pic.DEFAULT_SUBSIDY_RATE,
        council_act_number="2026/conseil/35",
        council_session_date=date(2026, 3, 23),
        investments=(
            investment(
                "Réfection de la rue du Moulin",
                "roads",
                "684250.00",
                "B",
                location="Rue du Moulin, Grand-Manil",
                estimate_excl_vat=Decimal("565495.87"),
                priority=1,
                pst_objective="OS 2.1 Des voiries sûres",
            ),
            investment(
                "Égouttage et voirie de la rue Chapelle-Marion",
                "sewers",
                "912400.00",
                "A",
                spge="310000.00",
                location="Rue Chapelle-Marion, Lonzée",
                priority=2,
            ),
            investment(
                "Rénovation de la toiture de l'école de Sauvenière",
                "buildings",
                "248900.50",
                "C",
                priority=3,
            ),
        ),
    )
    values.update(changes)
    return PlanSubmission(**values)
