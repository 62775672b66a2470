"""Charts of the steering figures: accessible SVG drawn by pygal on the server.

The SVG is served inline, without any script: pygal's tooltips need its
JavaScript from a CDN, so `js=[]` leaves that out and the configuration
script pygal still writes is removed. Each chart says what it shows to
screen readers (role="img", its <title> and a <desc>); the table beside it
holds the same numbers.
"""

from functools import lru_cache
from imio.municipal.steering.figures import COUNT
from imio.municipal.steering.figures import DAYS
from imio.municipal.steering.figures import HOURS
from imio.municipal.steering.figures import MONTH
from imio.municipal.steering.figures import PERCENT
from imio.municipal.steering.figures import Table
from imio.municipal.steering.formats import format_cell
from lxml import etree
from pygal.style import Style

import math
import pygal


SVG = "http://www.w3.org/2000/svg"
# The Plone Classic palette, dark enough on white (WCAG AA for text).
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    colors=("#007bb1", "#c2410c", "#15803d", "#7c3aed", "#b91c1c"),
    font_family="system-ui, sans-serif",
    title_font_size=15,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    value_font_size=12,
)
CHARTED_KINDS = (COUNT, PERCENT, DAYS, HOURS)


class StaticBar(pygal.Bar):
    """A bar chart without the data pygal writes for its JavaScript tooltips:
    no script is served, so that data would only weigh (and take half of the
    drawing time); the table beside the chart holds the numbers."""

    def _tooltip_and_print_values(self, *args, **kwargs):
        return None

    def __getattribute__(self, name):
        # pygal reads every setting while drawing through its
        # BaseGraph.__getattribute__, which looks the drawing's state up
        # three times a read: a third of the drawing time. The same lookup
        # (the state's value, else the object's own), done once.
        if name[:2] != "__" and name != "state":
            state = object.__getattribute__(self, "__dict__").get("state")
            if state is not None:
                values = state.__dict__
                if name in values:
                    return values[name]
        return object.__getattribute__(self, name)


def charted_columns(table: Table, columns: tuple[str, ...] | None = None):
    """The columns drawn: the given ones, or every count column."""
    if columns:
        return [c for c in table.columns[1:] if c.name in columns]
    return [c for c in table.columns[1:] if c.kind == COUNT]


def render(
    table: Table,
    title: str,
    description: str,
    column_titles: dict,
    locale: str = "fr",
    labels: dict | None = None,
    columns: tuple[str, ...] | None = None,
    chart_id: str = "chart",
) -> str:
    """The SVG of a bar chart of `table` (first column on the x axis)."""
    first = table.columns[0]
    drawn = charted_columns(table, columns)
    position = {c.name: index for index, c in enumerate(table.columns)}
    return draw(
        title,
        description,
        tuple(format_cell(row[0], first.kind, locale, labels) for row in table.rows),
        tuple(
            (
                column_titles.get(column.name, column.name),
                tuple(row[position[column.name]] for row in table.rows),
            )
            for column in drawn
        ),
        drawn[0].kind if drawn else COUNT,
        locale,
        # long labels (outcomes, services) and many months would overlap
        len(table.rows) > (6 if first.kind == MONTH else 3),
        chart_id,
    )


def count_ticks(series) -> list[int]:
    """Whole numbers on the axis of counts (pygal would write « 0,2 »).

    >>> count_ticks([("a", (0, 3, None))]), count_ticks([("a", (17,))])[-1]
    ([0, 1, 2, 3], 18)
    """
    top = max((value for _, values in series for value in values if value), default=1)
    step = max(1, math.ceil(top / 8))
    return list(range(0, top + step, step))


# Drawing is the slow part of a page (pygal: tens of milliseconds a chart)
# and depends only on these values: the same chart is drawn once per process.
@lru_cache(maxsize=512)
def draw(
    title: str,
    description: str,
    x_labels: tuple[str, ...],
    series: tuple[tuple[str, tuple], ...],
    value_kind: str,
    locale: str,
    rotate_labels: bool,
    chart_id: str,
) -> str:
    chart = StaticBar(
        js=[],
        disable_xml_declaration=True,
        style=STYLE,
        title=title,
        width=640,
        height=320,
        legend_at_bottom=True,
        x_label_rotation=30 if rotate_labels else 0,
        print_values=False,
        show_y_guides=True,
        truncate_label=-1,
        no_data_text=description,
        value_formatter=lambda value: format_cell(value, value_kind, locale),
    )
    chart.x_labels = list(x_labels)
    if value_kind == COUNT:
        chart.y_labels = count_ticks(series)
    elif value_kind == PERCENT:
        chart.y_labels = list(range(0, 101, 20))  # a share is read against 100 %
    for name, values in series:
        chart.add(name, list(values))
    return accessible(chart.render(is_unicode=True), title, description, chart_id)


def accessible(svg: str, title_text: str, description: str, chart_id: str) -> str:
    """The SVG without scripts or comments, named and described for
    assistive technologies."""
    root = etree.fromstring(svg.encode("utf-8"))
    for node in root.xpath("//svg:script", namespaces={"svg": SVG}):
        node.getparent().remove(node)
    for node in root.xpath("//comment()"):
        node.getparent().remove(node)
    # pygal names its legend entries « activate-serie-N » in every chart: a page
    # of several charts would repeat those ids (only its removed script used them).
    for node in root.xpath("//*[starts-with(@id, 'activate-serie-')]"):
        node.set("id", f"{chart_id}-{node.get('id')}")
    title = etree.Element(f"{{{SVG}}}title", id=f"{chart_id}-title")
    title.text = title_text
    desc = etree.Element(f"{{{SVG}}}desc", id=f"{chart_id}-desc")
    desc.text = description
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    return etree.tostring(root, encoding="unicode")
