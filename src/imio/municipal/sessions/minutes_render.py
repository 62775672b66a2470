"""Rendering the minutes: the template's helper and the PDF/A pipeline.

The minutes are one more official document (``minutes`` in
:mod:`imio.municipal.documents.definitions`): rendered by the same
generation view as the deliberation (PDF/A-2b, tagged, title, author = the
municipality, language fr-BE), from :class:`MinutesHelper`. The public
version (``public_version``) leaves the closed-session part out entirely and
masks the personal data of the public items as their publication does.
"""

from collections import namedtuple
from collective.documentgenerator.browser.generation_view import DocumentGenerationView
from datetime import date
from imio.municipal.documents import formatting
from imio.municipal.documents.generation import GenerationMixin
from imio.municipal.documents.helpers import MunicipalHelper
from imio.municipal.documents.helpers import Signatory
from imio.municipal.documents.rendering import render_pdf
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.sessions import composition
from imio.municipal.sessions import minutes_text
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import act_of
from imio.municipal.sessions.members import mandates_of
from imio.municipal.sessions.members import members_in_office
from imio.municipal.sessions.members import person_of
from imio.municipal.sessions.minutes import approved_minutes_of
from imio.municipal.sessions.minutes import minutes_of
from zope.i18n import translate

import html as html_module


MinutesItem = namedtuple(
    "MinutesItem", "number title kind outcome vote interest amendment decision"
)
BODY_TITLES = {rules.COLLEGE: "Collège communal", rules.COUNCIL: "Conseil communal"}
FUNCTION_TITLES = {
    composition.BOURGMESTRE: "Bourgmestre",
    composition.ECHEVIN: "Échevin(e)",
    composition.PRESIDENT_CPAS: "Président(e) du CPAS",
    composition.CONSEILLER: "Conseiller(ère)",
    composition.DIRECTEUR_GENERAL: "Directeur général",
    composition.DIRECTEUR_FINANCIER: "Directeur financier",
}
KIND_LINES = {
    records.SUPPLEMENTARY: "Point supplémentaire demandé par un membre (CDLD L1122-24).",
    records.URGENT: "Point ajouté en urgence (CDLD L1122-24).",
    records.FROM_COLLEGE: "Point transmis par le Collège communal.",
}


class MinutesHelper(MunicipalHelper):
    """What the minutes print (``view`` in the template)."""

    #: Set to render the public part only, personal data masked.
    public_version = False

    def raw_session_date(self):
        return self.obj.session_date

    def body_title(self) -> str:
        return BODY_TITLES.get(self.obj.body, "")

    def minutes_title(self) -> str:
        title = f"Procès-verbal de la séance du {self.body_title()}"
        return f"{title} — partie publique" if self.public_version else title

    def session_line(self) -> str:
        session = self.obj
        line = f"Séance du {formatting.format_date(session.session_date, weekday=True)}"
        if session.start_time:
            line += f" à {session.start_time}"
        if session.place:
            line += f" — {session.place}"
        return line

    def _seat_label(self, seat) -> str:
        return f"{seat.person}, {FUNCTION_TITLES.get(seat.function, '')}".rstrip(", ")

    def presence_lines(self) -> list[str]:
        session = self.obj
        groups = {records.PRESENT: [], records.EXCUSED: [], records.ABSENT: []}
        for seat in members_in_office(session):
            status = session.presences.get(seat.member_id, records.ABSENT)
            groups.setdefault(status, []).append(self._seat_label(seat))
        return minutes_text.presence_lines(
            groups[records.PRESENT], groups[records.EXCUSED], groups[records.ABSENT]
        )

    def _official(self, function):
        """The mandate of ``function`` on the session's day (the holder before an f.f.)."""
        day = self.obj.session_date
        found = [
            mandate
            for mandate in mandates_of(self.obj)
            if mandate.office == function and composition.in_office(mandate.seat(), day)
        ]
        found.sort(key=lambda mandate: bool(getattr(mandate, "acting", False)))
        return found[0] if found else None

    def _official_title(self, mandate, title) -> str:
        return f"{title} f.f." if getattr(mandate, "acting", False) else title

    def secretary_line(self) -> str:
        mandate = self._official(composition.DIRECTEUR_GENERAL)
        if mandate is None:
            return ""
        title = self._official_title(mandate, "Directeur général")
        return f"Secrétaire de séance : {mandate.person}, {title}"

    def movement_lines(self) -> list[str]:
        session = self.obj
        return [
            minutes_text.movement_line(
                person_of(session, movement.get("member")),
                movement.get("movement"),
                movement.get("at") or "",
            )
            for movement in session.movements
        ]

    def previous_minutes_line(self) -> str:
        """This session approved the minutes of the previous one."""
        previous = approved_minutes_of(self.obj)
        minutes = minutes_of(previous) if previous is not None else None
        if minutes is None or minutes.approval is None:
            return ""
        remarks = minutes.approval.get("remarks") or ""
        line = (
            f"Le procès-verbal de la séance du {rules.belgian(previous.session_date)} est approuvé"
        )
        return f"{line} avec les remarques suivantes : {remarks}" if remarks else f"{line}."

    def _public_texts(self, act):
        from imio.municipal.publication.texts import public_texts

        return public_texts(act)

    def _item(self, number, item) -> MinutesItem:
        session = self.obj
        act = act_of(item)
        title = act.Title() if act is not None else ""
        decision = ""
        decided = item.outcome in records.ADOPTING + (records.REFUSED,)
        if act is not None and decided and act.decision is not None and act.decision.raw:
            decision = act.decision.output
        if self.public_version and act is not None:
            texts = self._public_texts(act)
            title = html_module.unescape(texts.title.html)
            decision = texts.decision.html if decision else ""
        comment = ""
        if item.outcome in (records.POSTPONED, records.WITHDRAWN) and item.history:
            comment = item.history[-1].get("comment") or ""
        vote = dict(item.vote) if item.vote else None
        names = {member: person_of(session, member) for member in (vote or {}).get("ballots", {})}
        out = [person_of(session, member) for member in (vote or {}).get("out_for_interest", ())]
        return MinutesItem(
            number=str(number),
            title=title,
            kind=KIND_LINES.get(item.kind, ""),
            outcome=minutes_text.outcome_sentence(item.outcome, comment),
            vote=minutes_text.vote_line(vote, names),
            interest=minutes_text.interest_line(out),
            amendment=f"Amendement : {item.amendment}" if item.amendment else "",
            decision=decision,
        )

    def _items(self, closed: bool) -> list[MinutesItem]:
        return [
            self._item(number, item)
            for number, item in enumerate(self.obj.agenda, 1)
            if bool(item.closed) == closed
        ]

    def public_items(self) -> list[MinutesItem]:
        return self._items(closed=False)

    def closed_items(self) -> list[MinutesItem]:
        """Huis clos (L1122-21): never in the public version."""
        return [] if self.public_version else self._items(closed=True)

    def approval_line(self) -> str:
        minutes = minutes_of(self.obj)
        approval = minutes.approval if minutes is not None else None
        if not approval:
            return "Procès-verbal soumis à l'approbation de la prochaine séance (CDLD L1122-16)."
        day = rules.belgian(date.fromisoformat(approval["day"]))
        return minutes_text.approval_line(approval["session_title"], day, approval["remarks"])

    def signed_by_line(self) -> str:
        return "Par le Conseil," if self.obj.body == rules.COUNCIL else "Par le Collège,"

    def signatories(self) -> list[Signatory]:
        rows = []
        for function, title in (
            (composition.DIRECTEUR_GENERAL, "Le Directeur général"),
            (composition.BOURGMESTRE, "Le Bourgmestre"),
        ):
            mandate = self._official(function)
            name = mandate.person if mandate is not None else ""
            rows.append(Signatory(self._official_title(mandate, title), name))
        return rows


class MinutesRenderer(GenerationMixin, DocumentGenerationView):
    """The PDF/A of the minutes, through the official documents' pipeline."""

    def document_metadata(self):
        title, author, subject = super().document_metadata()
        if self.public_version:
            title = f"{title} (partie publique)"
        return title, author, subject


def render_minutes(session, request, public: bool = False) -> bytes:
    """The minutes of ``session`` as PDF/A, or a refusal with its reason."""
    renderer = MinutesRenderer(session, request)
    renderer.public_version = public
    return render_pdf(renderer, "minutes", request)


def sign_minutes(session, data: bytes):
    from imio.municipal.publication.signatures import sign_document
    from imio.municipal.publication.signatures import SigningRefused

    try:
        return sign_document(session, data, reason="Procès-verbal approuvé")
    except SigningRefused as refused:
        raise MunicipalRefusal(translate(refused.message)) from None
