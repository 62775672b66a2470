"""The steering dashboard of a municipality, its CSV downloads, and the
platform's overview across municipalities."""

from imio.municipal import _
from imio.municipal.acts.tutelle import OUTCOMES
from imio.municipal.core.calendar import belgian_today
from imio.municipal.core.csv_safe import safe_row
from imio.municipal.dossiers.procedures import PROCEDURES
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.refusals import reason_of
from imio.municipal.steering import charts
from imio.municipal.steering import compute
from imio.municipal.steering.browser.sections import COLUMN_TITLES
from imio.municipal.steering.browser.sections import period_from
from imio.municipal.steering.browser.sections import Section
from imio.municipal.steering.browser.sections import SECTIONS
from imio.municipal.steering.browser.sections import SECTIONS_BY_NAME
from imio.municipal.steering.browser.sections import service_from
from imio.municipal.steering.formats import csv_cell
from imio.municipal.steering.formats import format_cell
from imio.municipal.steering.formats import language_of
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate

import csv
import io


OVERVIEW = Section(
    "municipalities",
    _("steering_overview", default="Municipalities"),
    _(
        "steering_overview_help",
        default="One line per municipality: case files, decisions in time, overdue files, "
        "acts, refusals by the Region, rejected exchanges and PIC envelope used.",
    ),
    ("share_within_deadline", "share_used"),
)


class SteeringBase(BrowserView):
    """Filters, translated labels and the rendering of one figure."""

    error = None
    csv_view = "steering-csv"

    def t(self, message) -> str:
        return translate(message, context=self.request)

    @property
    def locale(self) -> str:
        return language_of(self.request.get("LANGUAGE") or api.portal.get_default_language())

    def services(self) -> list[dict]:
        return []

    def read_filters(self):
        """The period and service asked for; a refusal keeps the defaults
        and is shown (HTTP 400)."""
        try:
            period = period_from(self.request.form, belgian_today())
            service = service_from(self.request.form, [s["id"] for s in self.services()])
        except InvalidInput as refusal:
            self.error = reason_of(refusal, self.request)
            self.request.response.setStatus(400)
            return period_from({}, belgian_today()), None
        return period, service

    @memoize
    def filters(self):
        return self.read_filters()

    def labels(self) -> dict:
        labels = {code: self.t(p.title) for code, p in PROCEDURES.items()}
        labels.update({code: self.t(o.title) for code, o in OUTCOMES.items()})
        workflow = api.portal.get_tool("portal_workflow")
        for state in compute.PROJECT_STATES:
            title = workflow.getTitleForStateOnType(state, "SharedProject")
            labels[state] = translate(title, domain="plone", context=self.request)
        labels.update({s["id"]: s["title"] for s in self.services()})
        labels.update({body: self.t(COLUMN_TITLES[body]) for body in compute.SESSION_BODIES})
        return labels

    def query_string(self, **extra) -> str:
        period, service = self.filters()
        params = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        if service:
            params["service"] = service
        params.update(extra)
        return urlencode(params)

    def figure(self, section: Section, table, labels: dict) -> dict:
        titles = {name: self.t(message) for name, message in COLUMN_TITLES.items()}
        chart_id = f"steering-{section.name}"
        return {
            "id": chart_id,
            "title": self.t(section.title),
            "description": self.t(section.description),
            "empty": table.is_empty,
            "svg": charts.render(
                table,
                self.t(section.title),
                self.t(section.description),
                titles,
                self.locale,
                labels,
                section.charted or None,
                chart_id,
            ),
            "columns": [
                {"title": titles.get(c.name, c.name), "numeric": i > 0}
                for i, c in enumerate(table.columns)
            ],
            "rows": [
                [
                    format_cell(cell, column.kind, self.locale, labels)
                    for cell, column in zip(row, table.columns, strict=True)
                ]
                for row in table.rows
            ],
            "csv_url": f"{self.context.absolute_url()}/@@{self.csv_view}?"
            + self.query_string(figure=section.name),
        }


class DashboardView(SteeringBase):
    """The dashboard of one municipality."""

    def services(self) -> list[dict]:
        return list(self.context.services or [])

    def tables(self) -> dict:
        period, service = self.filters()
        return compute.municipality_tables(self.context, period, service)

    def figures(self) -> list[dict]:
        tables, labels = self.tables(), self.labels()
        return [self.figure(section, tables[section.name], labels) for section in SECTIONS]

    def period(self):
        return self.filters()[0]

    def selected_service(self):
        return self.filters()[1]


class OverviewView(SteeringBase):
    """The platform's view: one line per municipality."""

    csv_view = "steering-overview-csv"

    def tables(self) -> dict:
        table = compute.overview_table(self.filters()[0])
        return {table.name: table}

    def figures(self) -> list[dict]:
        return [self.figure(OVERVIEW, self.tables()[OVERVIEW.name], {})]

    def period(self):
        return self.filters()[0]

    def selected_service(self):
        return None


def write_csv(table, titles: dict) -> str:
    """The table as CSV: translated headers, machine-readable cells, no
    cell a spreadsheet would run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(safe_row(titles.get(c.name, c.name) for c in table.columns))
    for row in table.rows:
        writer.writerow(
            safe_row(csv_cell(cell, c.kind) for cell, c in zip(row, table.columns, strict=True))
        )
    return out.getvalue()


class CsvDownload(BrowserView):
    """`@@steering-csv?figure=…`: the data of one figure, with the page's filters."""

    view_name = "steering"

    def __call__(self):
        view = self.context.restrictedTraverse(f"@@{self.view_name}")
        view.request = self.request
        period, service = view.filters()
        if view.error:
            return view.error
        name = self.request.form.get("figure") or ""
        tables = view.tables()
        if name not in tables:
            self.request.response.setStatus(400)
            return translate(
                _("steering_refusal_figure", default="Unknown figure."), context=self.request
            )
        titles = {
            key: translate(message, context=self.request) for key, message in COLUMN_TITLES.items()
        }
        body = write_csv(tables[name], titles)
        filename = f"{name}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        return "\ufeff" + body  # Excel reads UTF-8 with its mark


class OverviewCsvDownload(CsvDownload):
    view_name = "steering-overview"


def section_names() -> tuple[str, ...]:
    return tuple(SECTIONS_BY_NAME)
