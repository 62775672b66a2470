"""The figures of one municipality (or of all), cached per day.

The catalog-derived tables are kept in a RAM cache (per Zope process, never
written to the database) keyed by the municipality, the day in Belgium, the
filters and the catalog's change counter: any indexing (a transition, an
edit, a new file, act, publication or investment) bumps that counter, so the
next view computes afresh. Exchanges are read from the outbox's own index on
each view: the worker's receipts change no catalogued object; so are the
sessions' items, which are records of their session.
"""

from imio.municipal.acts.tutelle import BODIES
from imio.municipal.acts.tutelle import OUTCOMES
from imio.municipal.core.calendar import belgian_today
from imio.municipal.dossiers.states import OPEN_STATES
from imio.municipal.exchange import rules as exchange_rules
from imio.municipal.sessions import rules as session_rules
from imio.municipal.steering import dossier_counts
from imio.municipal.steering import figures
from imio.municipal.steering import overview
from imio.municipal.steering import queries
from imio.municipal.steering import session_figures
from imio.municipal.steering.figures import Period
from plone import api
from plone.memoize import ram


PROJECT_STATES = ("draft", "proposed", "active", "closed", "cancelled")
SESSION_BODIES = (session_rules.COLLEGE, session_rules.COUNCIL)


def _cache_key(function, municipality, period: Period, service: str | None):
    catalog = api.portal.get_tool("portal_catalog")
    return (
        "/".join(municipality.getPhysicalPath()),
        belgian_today().isoformat(),
        catalog.getCounter(),
        period,
        service or "",
    )


def compute_catalog_tables(municipality, period: Period, service: str | None) -> dict:
    """The tables read from the catalog (the expensive part), uncached."""
    today = belgian_today()
    acts = queries.act_rows(municipality, service)
    services = [row["id"] for row in (municipality.services or [])]
    if service:
        services = [service]
    tables = [
        *dossier_counts.dossier_tables(municipality, period, service, services, today, OPEN_STATES),
        figures.acts_by_month(acts, period, BODIES),
        figures.tutelle_outcomes(acts, period, OUTCOMES),
        figures.publications_by_month(acts, period),
        figures.pic_use(queries.plan_rows(municipality)),
        figures.projects_by_state(queries.project_states(municipality), PROJECT_STATES),
    ]
    return {table.name: table for table in tables}


catalog_tables = ram.cache(_cache_key)(compute_catalog_tables)


def municipality_tables(municipality, period: Period, service: str | None = None) -> dict:
    """Every table of the municipality's dashboard, by name."""
    tables = dict(catalog_tables(municipality, period, service))
    exchanges = figures.exchanges_by_month(
        queries.exchange_rows(municipality),
        period,
        exchange_rules.ACKNOWLEDGED,
        exchange_rules.FAILED,
    )
    tables[exchanges.name] = exchanges
    # Read on each view too: holding a session changes no catalogued value.
    sessions = session_figures.sessions_by_body(
        queries.session_rows(municipality, period), period, SESSION_BODIES
    )
    tables[sessions.name] = sessions
    return tables


def municipalities():
    brains = api.content.find(
        portal_type="Municipality", unrestricted=True, sort_on="sortable_title"
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def overview_table(period: Period) -> figures.Table:
    """One line per municipality of the platform."""
    today = belgian_today()
    lines = []
    for municipality in municipalities():
        received, decided, overdue = dossier_counts.dossier_summary(
            municipality, period, today, OPEN_STATES
        )
        lines.append(
            overview.summed_line(
                municipality.Title(),
                received,
                overview.DecidedCounts(*decided),
                overdue,
                queries.act_rows(municipality),
                queries.exchange_rows(municipality),
                queries.plan_rows(municipality),
                period,
                exchange_rules.FAILED,
            )
        )
    return overview.overview(lines)
