"""What anonymous visitors see: the public version of an act and the listing.

Only PublicVersion objects are read here (never the internal act), through
the catalog as the visitor: what is not public cannot show up.
"""

from imio.municipal import _
from imio.municipal.acts import tutelle
from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.core.timestamp import authority_name
from imio.municipal.publication.publish import TIMESTAMP_PROBLEMS
from imio.municipal.publication.signatures import SIGNATURE_PROBLEMS
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.batching import Batch
from Products.Five.browser import BrowserView
from zope.i18n import translate


BATCH_SIZE = 20
#: Matters whose public page shows the tutelle decision and its date (CDLD L1133-1).
TAX_AND_FEE_MATTERS = ("tax_regulation", "additional_tax", "fee_regulation")


def vocabulary_title(mapping, code, request):
    item = mapping.get(code or "")
    return translate(item.title, context=request) if item is not None else (code or "")


def publications_of(context):
    """The `publications` folder of context's municipality."""
    return municipality_of(context)["publications"]


def current_versions(context, **query):
    """Brains of the current public versions under context (the visitor's view)."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog(
        portal_type="PublicVersion",
        path="/".join(context.getPhysicalPath()),
        is_current_version=True,
        **query,
    )


class PublicVersionView(BrowserView):
    def body_title(self) -> str:
        return vocabulary_title(tutelle.BODIES, self.context.body, self.request)

    def kind_title(self) -> str:
        return vocabulary_title(tutelle.KINDS, self.context.kind, self.request)

    def matter_title(self) -> str:
        return vocabulary_title(tutelle.MATTERS, self.context.matter, self.request)

    def date(self, name: str) -> str:
        return format_date(getattr(self.context, name, None))

    def text(self) -> str:
        value = self.context.text
        return value.output if value is not None else ""

    def motivation(self) -> str:
        value = self.context.motivation
        return value.output if value is not None else ""

    def decision(self) -> str:
        value = self.context.decision
        return value.output if value is not None else ""

    def body_intro(self) -> str:
        """Who decides, as the act's own text says it (the French legal formula)."""
        body = tutelle.BODIES.get(self.context.body or "")
        return f"Le {body.title_fr}," if body is not None else ""

    def decides(self) -> str:
        """« DÉCIDE : », « ARRÊTE : » for a mayor's order (as the deliberation prints it)."""
        return "ARRÊTE :" if self.context.body == "bourgmestre" else "DÉCIDE :"

    def shows_tutelle(self) -> bool:
        return self.context.matter in TAX_AND_FEE_MATTERS and bool(self.context.tutelle_outcome)

    def outcome_title(self) -> str:
        return vocabulary_title(tutelle.OUTCOMES, self.context.tutelle_outcome, self.request)

    def annexes(self):
        return [obj for obj in self.context.objectValues() if obj.portal_type == "File"]

    def sibling(self, version_id):
        return self.context.aq_parent.get(version_id) if version_id else None

    def current(self):
        """The version that replaces this one, when an erratum was published."""
        return self.sibling(self.context.superseded_by)

    def previous(self):
        return self.sibling(self.context.previous_version)

    def _linked(self, index: str, numbers) -> list[dict]:
        """The current public versions of the municipality with numbers in index."""
        if not numbers:
            return []
        return [
            {"number": brain.number, "title": brain.Title, "url": brain.getURL()}
            for brain in current_versions(publications_of(self.context), **{index: list(numbers)})
        ]

    def modifies(self):
        return self._linked("number", self.context.modifies_acts)

    def repeals(self):
        return self._linked("number", self.context.repeals_acts)

    def _cited(self, index: str) -> bool:
        """Some catalogued object has this act's number in `index`.

        Only a shortcut: most acts are never modified nor repealed, and this
        one-index lookup costs a fraction of the visitor's query (path, current
        version, roles, effective dates), which runs as before when it says yes.
        Nothing found here is shown.
        """
        catalog = api.portal.get_tool("portal_catalog")
        return bool(catalog.unrestrictedSearchResults(**{index: self.context.number}))

    def _cited_by(self, index: str) -> list[dict]:
        return self._linked(index, [self.context.number]) if self._cited(index) else []

    def modified_by(self):
        return self._cited_by("modifies_acts")

    def repealed_by(self):
        return self._cited_by("repeals_acts")

    def timestamp_problem(self) -> str:
        problem = self.context.timestamp_problem
        return TIMESTAMP_PROBLEMS.get(problem, problem) if problem else ""

    def authority_name(self) -> str:
        """The authority's name from its certificate in the token (versions
        published before it was recorded kept the authority's address)."""
        token = self.context.timestamp
        name = authority_name(token.data) if token is not None else ""
        return name or self.context.timestamp_authority or ""

    def signed_time(self) -> str:
        signed_at = self.context.signed_at
        return signed_at.strftime("%d/%m/%Y %H:%M:%S UTC") if signed_at else ""

    def signature_problem(self):
        """Why the PDF is not signed (a message), for a version without signature."""
        problem = self.context.signature_problem
        if problem in SIGNATURE_PROBLEMS:
            return SIGNATURE_PROBLEMS[problem]
        return _(
            "signature_before_signing",
            default="it was published before the municipality signed its publications",
        )


class NoDocumentsViewlet(ViewletBase):
    """collective.documentgenerator's « document-generation-link » on public
    versions: nothing to generate from the public record. Its default viewlet
    (for any object) searched the catalog for every document template and
    loaded each one on every anonymous page view, and would list a template an
    administrator added for any type."""

    def update(self):
        pass

    def render(self):
        return ""


class PublicationsView(BrowserView):
    """The public listing: filters, full-text search, batching, feed."""

    def publications(self):
        return publications_of(self.context)

    def query(self) -> dict:
        form = self.request.form
        query = {"sort_on": "created", "sort_order": "descending"}
        if form.get("year", "").isdigit():
            query["publication_year"] = int(form["year"])
        for name in ("body", "kind", "matter"):
            if form.get(name):
                query[name] = form[name]
        text = (form.get("SearchableText") or "").strip()
        if text:
            query["SearchableText"] = text
        return query

    def batch(self):
        start = self.request.form.get("b_start", "0")
        brains = current_versions(self.context, **self.query())
        return Batch(brains, BATCH_SIZE, int(start) if str(start).isdigit() else 0)

    def item(self, brain) -> dict:
        return {
            "url": brain.getURL(),
            "title": brain.Title,
            "number": brain.number,
            "body": vocabulary_title(tutelle.BODIES, brain.body, self.request),
            "kind": vocabulary_title(tutelle.KINDS, brain.kind, self.request),
            "session_date": format_date(brain.session_date),
            "publication_date": format_date(brain.publication_date),
        }

    def options(self) -> dict:
        """The filter choices present in this municipality's publications."""
        brains = current_versions(self.publications())
        years = sorted({brain.publication_date.year for brain in brains if brain.publication_date})
        used = {
            name: {getattr(brain, name) for brain in brains} for name in ("body", "kind", "matter")
        }
        mappings = {"body": tutelle.BODIES, "kind": tutelle.KINDS, "matter": tutelle.MATTERS}
        options = {"year": [(str(year), str(year)) for year in reversed(years)]}
        for name, mapping in mappings.items():
            options[name] = sorted(
                (
                    (code, vocabulary_title(mapping, code, self.request))
                    for code in used[name]
                    if code
                ),
                key=lambda pair: pair[1],
            )
        return options

    def selected(self, name: str) -> str:
        return self.request.form.get(name, "")
