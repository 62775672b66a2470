"""Charts of the steering figures: accessible SVG drawn by pygal on the server.

The SVG is served inline, without any script: pygal's tooltips need its
JavaScript from a CDN, so `js=[]` leaves that out and the configuration
script pygal still writes is removed. Each chart says what it shows to
screen readers (role="img", its <title> and a <desc>); the table beside it
holds the same numbers.
"""

from imio.municipal.steering.figures import COUNT
from imio.municipal.steering.figures import DAYS
from imio.municipal.steering.figures import HOURS
from imio.municipal.steering.figures import MONTH
from imio.municipal.steering.figures import PERCENT
from imio.municipal.steering.figures import Table
from imio.municipal.steering.formats import format_cell
from lxml import etree
from pygal.style import Style

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
    chart = pygal.Bar(
        js=[],
        disable_xml_declaration=True,
        style=STYLE,
        title=title,
        width=640,
        height=320,
        legend_at_bottom=True,
        x_label_rotation=30 if first.kind == MONTH and len(table.rows) > 6 else 0,
        print_values=False,
        show_y_guides=True,
        truncate_label=-1,
        no_data_text=description,
        value_formatter=lambda value: (
            format_cell(value, drawn[0].kind, locale) if drawn else str(value)
        ),
    )
    chart.x_labels = [format_cell(row[0], first.kind, locale, labels) for row in table.rows]
    position = {c.name: index for index, c in enumerate(table.columns)}
    for column in drawn:
        chart.add(
            column_titles.get(column.name, column.name),
            [row[position[column.name]] for row in table.rows],
        )
    return accessible(chart.render(is_unicode=True), title, description, chart_id)


def accessible(svg: str, title_text: str, description: str, chart_id: str) -> str:
    """The SVG without scripts or comments, named and described for
    assistive technologies."""
    root = etree.fromstring(svg.encode("utf-8"))
    for node in root.xpath("//svg:script", namespaces={"svg": SVG}):
        node.getparent().remove(node)
    for node in root.xpath("//comment()"):
        node.getparent().remove(node)
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
