"""Where a municipality is: its centroid and bounding box, as GeoSPARQL WKT.

A municipality enters them as it reads them on a map, latitude first, in
decimal degrees (WGS 84): the centroid as ``"50.4669, 4.8675"``, the box as
two opposite corners ``"50.39, 4.74; 50.53, 4.99"``. Values outside
Wallonia are refused, which also catches a latitude and a longitude given
in the wrong order. WKT literals without a CRS are read as CRS84:
longitude first (GeoSPARQL 1.1).

>>> box = parse_box("50.53, 4.99 ; 50.39, 4.74")
>>> box.wkt
'POLYGON((4.74 50.39, 4.99 50.39, 4.99 50.53, 4.74 50.53, 4.74 50.39))'
>>> parse_point("50.4669, 4.8675").wkt
'POINT(4.8675 50.4669)'
>>> parse_point("4.8675, 50.4669") is None  # latitude and longitude swapped
True
>>> box.contains(parse_point("50.4669, 4.8675"))
True
"""

from dataclasses import dataclass

import re


WKT_LITERAL = "http://www.opengis.net/ont/geosparql#wktLiteral"
# The Walloon region with a margin (IGN/NGI: 49.49–50.82 N, 2.84–6.41 E).
SOUTH, NORTH = 49.4, 50.9
WEST, EAST = 2.8, 6.5
_NUMBER = r"\s*([+-]?\d{1,3}(?:\.\d+)?)\s*"
_POINT = re.compile(rf"{_NUMBER}[,\s]{_NUMBER}")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    @property
    def wkt(self) -> str:
        return f"POINT({_coordinates(self)})"


@dataclass(frozen=True)
class Box:
    south: float
    west: float
    north: float
    east: float

    @property
    def wkt(self) -> str:
        corners = [
            Point(self.south, self.west),
            Point(self.south, self.east),
            Point(self.north, self.east),
            Point(self.north, self.west),
            Point(self.south, self.west),
        ]
        return f"POLYGON(({', '.join(_coordinates(c) for c in corners)}))"

    def contains(self, point: Point) -> bool:
        return (
            self.south <= point.latitude <= self.north and self.west <= point.longitude <= self.east
        )


def _coordinates(point: Point) -> str:
    return f"{point.longitude:g} {point.latitude:g}"


def parse_point(text: str | None) -> Point | None:
    """``"latitude, longitude"`` in Wallonia, or None."""
    match = _POINT.fullmatch(text or "")
    if match is None:
        return None
    point = Point(float(match.group(1)), float(match.group(2)))
    in_region = SOUTH <= point.latitude <= NORTH and WEST <= point.longitude <= EAST
    return point if in_region else None


def parse_box(text: str | None) -> Box | None:
    """Two opposite corners ``"lat, lon; lat, lon"`` in Wallonia, or None."""
    parts = (text or "").split(";")
    if len(parts) != 2:
        return None
    first, second = (parse_point(part) for part in parts)
    if first is None or second is None:
        return None
    south, north = sorted((first.latitude, second.latitude))
    west, east = sorted((first.longitude, second.longitude))
    if south == north or west == east:
        return None
    return Box(south, west, north, east)
