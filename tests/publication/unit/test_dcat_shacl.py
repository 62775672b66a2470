"""The DCAT-AP catalog against the official DCAT-AP 3.0.1 SHACL shapes
(mandatory, recommended and ranges, shipped unchanged in fixtures/)."""

from .test_opendata import DATASETS
from .test_opendata import MUNICIPALITY
from datetime import date
from imio.municipal.publication.core.dcat import dcat_catalog
from pathlib import Path
from pyshacl import validate
from rdflib import Graph
from rdflib import Namespace
from rdflib.namespace import DCAT
from rdflib.namespace import DCTERMS
from rdflib.namespace import RDF
from rdflib.namespace import SH

import json
import pytest


SHAPES = Path(__file__).parent.parent / "fixtures" / "dcat-ap-3.0.1"
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")


@pytest.fixture(scope="module")
def shapes():
    graph = Graph()
    for name in ("shapes.ttl", "shapes_recommended.ttl", "range.ttl"):
        graph.parse(SHAPES / name, format="turtle")
    return graph


def report_of(catalog: dict, shapes: Graph) -> set[tuple[str, str, str]]:
    data = Graph().parse(data=json.dumps(catalog), format="json-ld")
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none")
    results = set()
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        kind = "Location" if (focus, RDF.type, DCTERMS.Location) in data else ""
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        results.add((severity, str(report.value(result, SH.resultPath)), kind))
    return results


def test_the_shapes_are_the_official_ones():
    licence = (SHAPES / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in licence
    recommended = Graph().parse(SHAPES / "shapes_recommended.ttl", format="turtle")
    warnings = set(recommended.subjects(SH.severity, SH.Warning))
    assert len(warnings) > 30  # the recommended properties, one constraint each


def test_catalog_has_no_violation_and_no_warning(shapes):
    catalog = dcat_catalog(MUNICIPALITY, DATASETS, date(2026, 4, 21))
    assert report_of(catalog, shapes) == set()


def test_the_location_has_its_centroid_and_box_as_wkt_literals():
    catalog = dcat_catalog(MUNICIPALITY, DATASETS, date(2026, 4, 21))
    data = Graph().parse(data=json.dumps(catalog), format="json-ld")
    (location,) = data.subjects(RDF.type, DCTERMS.Location)
    centroid, bbox = data.value(location, DCAT.centroid), data.value(location, DCAT.bbox)
    assert centroid.datatype == bbox.datatype == GEOSPARQL.wktLiteral
    assert str(centroid) == "POINT(4.865 50.46)"  # CRS84: longitude first
    assert str(bbox).startswith("POLYGON((4.735 50.385, 4.995 50.385, ")


def test_a_location_without_centroid_nor_box_is_warned(shapes):
    """The test can fail: without them, the recommended shapes warn."""
    placeless = {k: v for k, v in MUNICIPALITY.items() if k not in ("centroid", "bbox")}
    results = report_of(dcat_catalog(placeless, DATASETS, date(2026, 4, 21)), shapes)
    assert results == {
        ("Warning", str(DCAT.bbox), "Location"),
        ("Warning", str(DCAT.centroid), "Location"),
    }


def test_the_validation_finds_what_is_missing(shapes):
    """The test can fail: a dataset without keywords nor period is reported."""
    bare = [{k: v for k, v in DATASETS[0].items() if k not in ("keywords", "start")}]
    results = report_of(dcat_catalog(MUNICIPALITY, bare, date(2026, 4, 21)), shapes)
    paths = {path for _severity, path, _kind in results}
    assert {str(DCAT.keyword), str(DCTERMS.temporal)} <= paths


def test_a_wrong_range_is_a_violation(shapes):
    catalog = dcat_catalog(MUNICIPALITY, DATASETS, date(2026, 4, 21))
    catalog["license"] = {"id": catalog["license"]["id"]}  # not typed LicenseDocument
    catalog["dataset"][0]["license"] = catalog["license"]
    for distribution in catalog["dataset"][0]["distribution"]:
        distribution["license"] = catalog["license"]
    results = report_of(catalog, shapes)
    assert ("Violation", str(DCTERMS.license), "") in results
