"""Content negotiation of a response's encoding (RFC 9110, 12.5.3).

>>> accepts_gzip("gzip, deflate, br"), accepts_gzip("br;q=1.0, GZIP;q=0.5")
(True, True)
>>> accepts_gzip("gzip;q=0"), accepts_gzip("identity"), accepts_gzip("")
(False, False, False)
>>> accepts_gzip("*"), accepts_gzip("*, gzip;q=0")
(True, False)
"""


def _weights(header: str) -> dict[str, float]:
    weights = {}
    for item in header.split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.lower()] = weight
    return weights


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Does a client sending this Accept-Encoding header take a gzip body?"""
    weights = _weights(accept_encoding or "")
    weight = weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0)))
    return weight > 0
