"""Machine-readable views of a municipality's publications: Atom feed,
open data (CSV, JSON, DCAT-AP JSON-LD) and a sitemap. Only current public
versions, read as the visitor: masked data only."""

from datetime import date
from datetime import datetime
from datetime import timezone
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.browser.compression import ICompressedResponse
from imio.municipal.publication.browser.public import current_versions
from imio.municipal.publication.browser.public import publications_of
from imio.municipal.publication.core import csvw
from imio.municipal.publication.core import opendata
from imio.municipal.publication.core.geography import parse_box
from imio.municipal.publication.core.geography import parse_point
from lxml import etree
from Products.Five.browser import BrowserView
from zope.interface import implementer

import json


ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50


def _iso(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    return value.isoformat()


class PublicationsMixin:
    def publications(self):
        return publications_of(self.context)

    def brains(self):
        return current_versions(self.publications(), sort_on="created", sort_order="descending")

    def send(self, body, content_type: str, filename: str | None = None):
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        if filename:
            response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        return body


@implementer(ICompressedResponse)
class AtomFeedView(PublicationsMixin, BrowserView):
    def __call__(self):
        municipality = municipality_of(self.context)
        brains = self.brains()[:FEED_SIZE]
        feed = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: "fr"}, nsmap={None: ATOM})
        title = etree.SubElement(feed, f"{{{ATOM}}}title", {XML_LANG: "fr"})
        title.text = f"Actes publiés — {municipality.Title()}"
        etree.SubElement(feed, f"{{{ATOM}}}id").text = self.publications().absolute_url()
        etree.SubElement(
            feed,
            f"{{{ATOM}}}link",
            rel="self",
            href=f"{self.publications().absolute_url()}/@@publications.atom",
        )
        etree.SubElement(
            feed, f"{{{ATOM}}}link", rel="alternate", href=self.publications().absolute_url()
        )
        updated = max((brain.created.asdatetime() for brain in brains), default=None)
        etree.SubElement(feed, f"{{{ATOM}}}updated").text = _iso(
            updated or datetime.now(timezone.utc)
        )
        author = etree.SubElement(feed, f"{{{ATOM}}}author")
        etree.SubElement(author, f"{{{ATOM}}}name").text = municipality.Title()
        for brain in brains:
            entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
            title = etree.SubElement(entry, f"{{{ATOM}}}title", {XML_LANG: "fr"})
            title.text = f"{brain.number} — {brain.Title}"
            etree.SubElement(entry, f"{{{ATOM}}}id").text = brain.getURL()
            etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=brain.getURL())
            etree.SubElement(entry, f"{{{ATOM}}}updated").text = _iso(brain.created.asdatetime())
            summary = etree.SubElement(entry, f"{{{ATOM}}}summary", {XML_LANG: "fr"})
            summary.text = brain.Title
        body = etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
        return self.send(body, "application/atom+xml; charset=utf-8")


class OpenDataMixin(PublicationsMixin):
    def records(self) -> list[dict]:
        records = []
        for brain in self.brains():
            version = brain.getObject()
            url = brain.getURL()
            records.append(
                {
                    "identifier": url,
                    "title": version.Title(),
                    "number": version.number,
                    "body": version.body,
                    "kind": version.kind,
                    "matter": version.matter,
                    "session_date": version.session_date,
                    "publication_date": version.publication_date,
                    "binding_date": version.binding_date,
                    "tutelle_outcome": version.tutelle_outcome,
                    "tutelle_outcome_date": version.tutelle_outcome_date,
                    "url": url,
                    "pdf_url": f"{url}/@@download/pdf",
                    "sha256": version.sha256,
                    "timestamp_time": version.timestamp_time,
                }
            )
        return records

    def filename(self, extension: str) -> str:
        return f"actes-publies-{municipality_of(self.context).getId()}.{extension}"


@implementer(ICompressedResponse)
class OpenDataCSVView(OpenDataMixin, BrowserView):
    def __call__(self):
        # CSVW: where the metadata describing this CSV is
        self.request.response.setHeader(
            "Link",
            f'<{self.publications().absolute_url()}/@@csv-metadata.json>; rel="describedby"; '
            'type="application/csvm+json"',
        )
        return self.send(
            opendata.acts_csv(self.records()).encode("utf-8"),
            "text/csv; charset=utf-8",
            self.filename("csv"),
        )


@implementer(ICompressedResponse)
class OpenDataCodesView(OpenDataMixin, BrowserView):
    """The code list of the CSV's code columns, with their French labels."""

    def __call__(self):
        return self.send(
            opendata.codes_csv().encode("utf-8"),
            "text/csv; charset=utf-8",
            f"codes-{self.filename('csv')}",
        )


@implementer(ICompressedResponse)
class CSVWMetadataView(OpenDataMixin, BrowserView):
    """The CSVW metadata of the CSV (csv-metadata.json)."""

    def __call__(self):
        base = self.publications().absolute_url()
        described = csvw.metadata(
            f"{base}/@@opendata.csv",
            codes_url=f"{base}/@@opendata-codes.csv",
            title=f"Actes publiés — {municipality_of(self.context).Title()}",
        )
        body = json.dumps(described, ensure_ascii=False, indent=1)
        return self.send(body.encode("utf-8"), "application/csvm+json; charset=utf-8")


@implementer(ICompressedResponse)
class OpenDataJSONView(OpenDataMixin, BrowserView):
    def __call__(self):
        return self.send(
            opendata.acts_json(self.records()).encode("utf-8"),
            "application/json; charset=utf-8",
            self.filename("json"),
        )


@implementer(ICompressedResponse)
class DCATView(OpenDataMixin, BrowserView):
    """The DCAT-AP catalog (JSON-LD) describing the municipality's datasets."""

    def catalog(self) -> dict:
        municipality = municipality_of(self.context)
        base = self.publications().absolute_url()
        brains = self.brains()
        published = [brain.publication_date for brain in brains if brain.publication_date]
        sessions = [brain.session_date for brain in brains if brain.session_date]
        modified = max(published, default=date.today())
        title = municipality.Title()
        datasets = [
            {
                "title": f"Actes publiés — {title}",
                "description": (
                    f"Règlements, ordonnances et décisions publiés par {title}, "
                    "données personnelles masquées."
                ),
                "url": base,
                "keywords": [
                    "actes publiés",
                    "règlements",
                    "décisions",
                    "conseil communal",
                    "collège communal",
                    title,
                ],  # fmt: skip
                "issued": min(published, default=None),
                "start": min(sessions, default=None),
                "end": max(sessions, default=None),
                "distributions": [
                    {
                        "format": "CSV",
                        "media_type": "text/csv",
                        "url": f"{base}/@@opendata.csv",
                        "description": "Un acte par ligne, codes et libellés (UTF-8).",
                    },
                    {
                        "format": "JSON",
                        "media_type": "application/json",
                        "url": f"{base}/@@opendata.json",
                        "description": "Les mêmes données que le CSV, en JSON.",
                    },
                    {
                        "format": "JSON_LD",
                        "media_type": "application/csvm+json",
                        "url": f"{base}/@@csv-metadata.json",
                        "description": "Description du CSV (CSVW) : colonnes, types, titres.",
                    },
                    {
                        "format": "CSV",
                        "media_type": "text/csv",
                        "url": f"{base}/@@opendata-codes.csv",
                        "description": "Liste des codes du CSV et de leurs libellés.",
                    },
                ],
            }
        ]
        return opendata.dcat_catalog(
            {
                "title": title,
                "ins": municipality.ins_code,
                "url": municipality.absolute_url(),
                "email": getattr(municipality, "email", None),
                "centroid": parse_point(getattr(municipality, "centroid", None)),
                "bbox": parse_box(getattr(municipality, "bbox", None)),
            },
            datasets,
            modified,
        )

    def __call__(self):
        body = json.dumps(self.catalog(), ensure_ascii=False, indent=2)
        return self.send(body.encode("utf-8"), "application/ld+json; charset=utf-8")


@implementer(ICompressedResponse)
class SitemapView(PublicationsMixin, BrowserView):
    """The public pages of the municipality's publications (sitemaps.org)."""

    def __call__(self):
        urlset = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP})
        pages = [(self.publications().absolute_url(), None)]
        for brain in current_versions(self.publications(), sort_on="created"):
            pages.append((brain.getURL(), brain.publication_date))
        for location, modified in pages:
            url = etree.SubElement(urlset, f"{{{SITEMAP}}}url")
            etree.SubElement(url, f"{{{SITEMAP}}}loc").text = location
            if modified:
                etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = modified.isoformat()
        body = etree.tostring(urlset, xml_declaration=True, encoding="utf-8", pretty_print=True)
        return self.send(body, "application/xml; charset=utf-8")
