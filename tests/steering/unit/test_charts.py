"""The charts are accessible SVG without any script (Plone-free)."""

from datetime import date
from imio.municipal.steering import charts
from imio.municipal.steering import figures
from lxml import etree

import pygal
import re


SVG = {"svg": "http://www.w3.org/2000/svg"}
PERIOD = figures.Period(date(2026, 1, 1), date(2026, 12, 31))


def _flow():
    rows = [figures.DossierRow("urbanisme", "pu", "received", date(2026, 3, 2))]
    return figures.dossier_flow(rows, PERIOD)


def test_named_described_and_without_script():
    svg = charts.render(
        _flow(),
        "Dossiers reçus et décidés",
        "Dossiers reçus et décidés par mois.",
        {"received": "Reçus", "decided": "Décidés"},
        chart_id="flow",
    )
    root = etree.fromstring(svg.encode())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "flow-title flow-desc"
    assert root.find("svg:title", SVG).text == "Dossiers reçus et décidés"
    assert root.find("svg:desc", SVG).text == "Dossiers reçus et décidés par mois."
    assert not root.xpath("//svg:script", namespaces=SVG)
    # nothing to load from elsewhere (namespaces aside)
    assert not [
        url for url in re.findall(r'(?:href|src)="([^"]+)"', svg) if not url.startswith("#")
    ]
    # French months on the axis, the series in the legend
    assert "mars 2026" in svg and "Reçus" in svg and "Décidés" in svg


def test_count_axes_have_whole_numbers():
    assert charts.count_ticks([("a", (0, 3, None))]) == [0, 1, 2, 3]
    assert charts.count_ticks([("a", (0,))]) == [0, 1]
    assert charts.count_ticks([("a", (17,)), ("b", (2,))]) == [0, 3, 6, 9, 12, 15, 18]


def test_an_empty_table_still_draws_and_says_so():
    empty = figures.dossier_flow([], figures.Period(date(2026, 1, 1), date(2026, 1, 31)))
    svg = charts.render(empty, "Vide", "Aucun dossier.", {}, chart_id="empty")
    assert 'role="img"' in svg


def test_the_same_chart_is_drawn_once():
    charts.draw.cache_clear()
    first = charts.render(_flow(), "T", "D", {}, chart_id="once")
    again = charts.render(_flow(), "T", "D", {}, chart_id="once")
    assert again is first
    assert charts.draw.cache_info().hits == 1


def test_shares_are_drawn_against_a_hundred_percent():
    table = figures.Table(
        "shares",
        (figures.Column("procedure", figures.LABEL), figures.Column("share", figures.PERCENT)),
        [("pu", 0.0)],
    )
    svg = charts.render(table, "Parts", "Part dans le délai.", {}, columns=("share",))
    assert "100\u00a0%" in svg and "80\u00a0%" in svg


def test_two_charts_on_a_page_share_no_id():
    labels = {"received": "Reçus", "decided": "Décidés"}
    first = charts.render(_flow(), "Un", "Premier.", labels, chart_id="flow")
    second = charts.render(_flow(), "Deux", "Second.", labels, chart_id="late")
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in (first, second)]
    assert "flow-activate-serie-0" in ids[0]
    assert not set(ids[0]) & set(ids[1])


class PygalLookup(charts.StaticBar):
    """The chart with pygal's own attribute lookup."""

    __getattribute__ = pygal.graph.base.BaseGraph.__getattribute__


def _drawn(chart_class, labels, series, **config):
    chart = chart_class(js=[], disable_xml_declaration=True, style=charts.STYLE, **config)
    chart.uuid = "same"  # pygal names each drawing at random
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return chart.render(is_unicode=True).replace("pygallookup-graph", "staticbar-graph")


def test_the_quicker_lookup_draws_what_pygal_draws():
    labels = ["janv. 2026", "févr. 2026", "mars 2026"]
    for series, config in (
        ((("Reçus", (3, 0, 12)), ("Décidés", (1, None, 7))), {"title": "Flux"}),
        ((("Part", (50.0, 100.0, None)),), {"x_label_rotation": 30, "print_values": False}),
        ((), {"no_data_text": "Aucune donnée"}),
    ):
        quick = _drawn(charts.StaticBar, labels, series, **config)
        assert quick == _drawn(PygalLookup, labels, series, **config)
        assert "staticbar-graph" in quick
