"""Build the POD templates (ODT) of imio.municipal from their sources.

    .venv/bin/python scripts/build_document_templates.py [NAME ...]

Sources live in src/imio/municipal/documents/templates/src/: `styles.xml.in`
(fonts, paragraph and page styles shared by every document) and one body per
template (`deliberation.xml.in` ...): ODF fragments (hence `.in`: not whole XML
documents, and whitespace matters, so no XML formatter touches them), with two
shorthands:

- ``[[expression]]``: an appy POD expression, written as an input field
  (``text:text-input``), grey in LibreOffice;
- ``<pod>do text if ...</pod>`` (one statement per line): an appy POD
  statement, written as a comment (``office:annotation``) on the enclosing
  paragraph, section, row or table.

Each body and the shared styles become a flat ODT (.fodt), which LibreOffice
converts once (``soffice --convert-to odt``): the committed .odt files are real
LibreOffice documents (manifest, styles.xml, master page, settings). Edit the
sources and run this script again; the .odt files can also be opened and
fine-tuned in LibreOffice, but then the source must be updated by hand.
"""

from pathlib import Path
from xml.sax.saxutils import escape

import re
import shutil
import subprocess
import sys
import tempfile


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "imio" / "municipal" / "documents" / "templates"
SOURCES = TEMPLATES / "src"

NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}

EXPRESSION = re.compile(r"\[\[(.+?)\]\]", re.S)
STATEMENT = re.compile(r"<pod>(.+?)</pod>", re.S)


def expression(match) -> str:
    text = escape(match.group(1).strip())
    return f'<text:text-input text:description="pod">{text}</text:text-input>'


def statement(match) -> str:
    lines = [line.strip() for line in match.group(1).strip().splitlines() if line.strip()]
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
    return (
        "<office:annotation><dc:creator>imio.municipal</dc:creator>"
        f"{paragraphs}</office:annotation>"
    )


def expand(body: str) -> str:
    return EXPRESSION.sub(expression, STATEMENT.sub(statement, body))


def flat_odt(name: str) -> str:
    styles = (SOURCES / "styles.xml.in").read_text()
    body = expand((SOURCES / f"{name}.xml.in").read_text())
    xmlns = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {xmlns} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">\n'
        "<office:meta><meta:generator>imio.municipal build_document_templates"
        f"</meta:generator><dc:title>{name}</dc:title><dc:language>fr-BE</dc:language>"
        "</office:meta>\n"
        f"{styles}\n<office:body><office:text>\n{body}\n</office:text></office:body>\n"
        "</office:document>\n"
    )


def names() -> list[str]:
    found = (p.name.removesuffix(".xml.in") for p in SOURCES.glob("*.xml.in"))
    return sorted(name for name in found if name != "styles")


def build(selected: list[str]) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to build the templates.")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sources = []
        for name in selected:
            path = tmp / f"{name}.fodt"
            path.write_text(flat_odt(name))
            sources.append(str(path))
        profile = (tmp / "profile").as_uri()
        subprocess.run(  # noqa: S603 (LibreOffice on our own files)
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "odt",
                "--outdir",
                str(TEMPLATES),
                *sources,
            ],
            check=True,
        )
    for name in selected:
        print(TEMPLATES / f"{name}.odt")


if __name__ == "__main__":
    build(sys.argv[1:] or names())
