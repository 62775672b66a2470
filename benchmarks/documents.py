"""How long one deliberation PDF takes, against plain ODT output.

    .venv/bin/python benchmarks/documents.py [--runs N] [--url URL]

With a site running (`make run`, or --url http://localhost:8080/Plone), it
asks the site for the deliberation of Namur's adopted demo act as the
secretary, over HTTP: the real path (Zope, helper view, appy, LibreOffice
server). Without a site, it renders the same template with appy directly
against a LibreOffice server it starts itself (the conversion is the part
that costs). It prints the median of each format and the PDF/ODT ratio.
Goal (issue 6): a PDF median under 1 s with the server running.
"""

from pathlib import Path
from statistics import median

import argparse
import base64
import json
import shutil
import sys
import tempfile
import time
import urllib.request


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from imio.municipal.documents import libreoffice  # noqa: E402
from imio.municipal.documents.definitions import SPECS  # noqa: E402


USER = ("namur-secretaire", "demo")


def timed(render, runs: int) -> dict[str, list[float]]:
    """render(format) `runs` times per format, the formats interleaved."""
    times = {"odt": [], "pdf": []}
    for _run in range(runs):
        for output_format in times:
            start = time.perf_counter()
            render(output_format)
            times[output_format].append(time.perf_counter() - start)
    return times


def http_get(url: str, accept: str = "application/json") -> bytes:
    token = base64.b64encode(":".join(USER).encode()).decode()
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an HTTP URL: {url}")
    headers = {"Authorization": f"Basic {token}", "Accept": accept}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (checked above)
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read()


def site_urls(site: str) -> dict | None:
    """The deliberation's URLs per format on a running site (None: no site)."""
    try:
        found = json.loads(
            http_get(f"{site}/++api++/namur/actes/@search?review_state=adopted&portal_type=Act")
        )
        act = found["items"][0]["@id"]
        documents = json.loads(http_get(f"{act}/@documents"))
    except (OSError, KeyError, IndexError, ValueError):
        return None
    for item in documents["items"]:
        if item["id"] == "deliberation":
            return item["formats"]
    return None


class DemoValues:
    """What the helper view gives the deliberation template (a demo-like act)."""

    def __getattr__(self, name):
        return lambda: VALUES.get(name, "")

    def signatories(self):
        from collections import namedtuple

        signatory = namedtuple("Signatory", "function name")
        return [
            signatory("Le Directeur général", "Philippe Dethier"),
            signatory("Le Bourgmestre", "Olivier Jacquemart"),
        ]


VALUES = {
    "province": "Province de Namur",
    "municipality_heading": "Commune de Namur",
    "municipality_address": "Hôtel de Ville · Esplanade de l'Hôtel de Ville 1 · 5000 Namur",
    "document_title": "Délibération du Conseil communal",
    "session_line": "Séance du 12 mars 2026",
    "number": "2026/conseil/12",
    "attendance": "41 membres",
    "title": "Règlement-taxe sur les secondes résidences — exercices 2026 à 2031",
    "body_intro": "Le Conseil communal,",
    "motivation": "".join(f"<p>Vu la disposition n° {n};</p>" for n in range(8))
    + "".join(f"<p>Considérant le motif n° {n};</p>" for n in range(6)),
    "vote_sentence": "Par 29 voix pour, 9 voix contre et 3 abstentions,",
    "decides": "DÉCIDE :",
    "decision": "".join(
        f"<p><strong>Article {n}</strong> : disposition de l'article {n}.</p>" for n in range(1, 6)
    ),
    "closing_line": "Ainsi délibéré en séance du 12 mars 2026.",
    "signed_by_line": "Par le Conseil,",
}


def standalone(runs: int) -> dict[str, list[float]]:
    from appy.pod.renderer import Renderer

    if not libreoffice.installed():
        sys.exit("LibreOffice is not installed (make libreoffice, as root).")
    tmp = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    server = libreoffice.Server(port=libreoffice.free_port(), profile=tmp / "profile").start()
    uno = libreoffice.write_uno_wrapper(tmp / "python-uno")
    template = str(SPECS["deliberation"].path)
    try:

        def render(output_format):
            result = tmp / f"out.{output_format}"
            result.unlink(missing_ok=True)
            # As collective.documentgenerator calls it (LibreOffice even for ODT).
            Renderer(
                template,
                {"view": DemoValues()},
                str(result),
                pythonWithUnoPath=uno,
                ooPort=server.port,
                forceOoCall=True,
                raiseOnError=True,
                html=True,
            ).run()

        render("pdf")  # warm-up: the first conversion loads LibreOffice's filters
        return timed(render, runs)
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def over_http(urls: dict, runs: int) -> dict[str, list[float]]:
    http_get(urls["pdf"], accept="*/*")  # warm-up
    return timed(lambda output_format: http_get(urls[output_format], accept="*/*"), runs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--url", default="http://localhost:8080/Plone")
    args = parser.parse_args(argv)
    urls = site_urls(args.url)
    if urls:
        mode = f"over HTTP, site {args.url} (Zope + LibreOffice server)"
        times = over_http(urls, args.runs)
    else:
        mode = "appy + a LibreOffice server of its own (no site answers at " + args.url + ")"
        times = standalone(args.runs)
    odt, pdf = median(times["odt"]), median(times["pdf"])
    print(f"Deliberation, {args.runs} runs each, {mode}")
    print(f"  ODT median: {odt * 1000:.0f} ms")
    print(f"  PDF median: {pdf * 1000:.0f} ms  (target: under 1000 ms)")
    print(f"  PDF / ODT:  {pdf / odt:.2f}")
    return 0 if pdf < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
