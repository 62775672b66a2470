"""Plain text PDFs written with pikepdf (Plone-free): lines, pages, fonts.

Two ways to write them. ``standard_fonts`` gives Helvetica, one of the PDF
standard fonts, not embedded: the acknowledgement of sending keeps it, since
a timestamp is taken over its exact bytes. ``text_document`` embeds DejaVu
Sans (the TrueType font installed with LibreOffice) with its glyph widths
read from the font file, and declares the file PDF/A-2b: every font
embedded, an sRGB output intent, XMP metadata agreeing with the document
information, the language set. Text is WinAnsi (cp1252): French accents
print as such, a character outside it prints as "?".

>>> data = text_document("Titre", [Line("Élément", bold=True), Line("Texte")])
>>> data[:8]
b'%PDF-1.7'
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import io
import pikepdf
import struct


PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LEADING = 1.4
LANGUAGE = "fr-BE"
PRODUCER = "imio.municipal"
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
}
FONT_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
# The sRGB profile pikepdf ships for its own PDF/A tools.
SRGB_PROFILE = Path(pikepdf.__file__).parent / "pdfa" / "data" / "sRGB.icc"
FIRST_CODE, LAST_CODE = 32, 255


@dataclass(frozen=True)
class Line:
    """A line of text: ``size`` in points, ``indent`` in points from the margin."""

    text: str
    bold: bool = False
    size: float = 10
    indent: float = 0


def pdf_literal(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252).

    >>> pdf_literal("Été (1)")
    b'(\\xc9t\\xe9 \\\\(1\\\\))'
    """
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def wrap_characters(text: str, width: int) -> list[str]:
    """``text`` cut at a space into parts of at most ``width`` characters.

    >>> wrap_characters("aa bb cc", 5)
    ['aa', 'bb cc']
    """
    parts = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width)
        cut = cut if cut > 0 else width
        parts.append(text[:cut])
        text = text[cut:].lstrip()
    parts.append(text)
    return parts


def standard_fonts() -> dict[str, pikepdf.Dictionary]:
    """Helvetica and Helvetica-Bold as ``/F1`` and ``/F2`` (not embedded)."""
    return {
        name: pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name(base),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
        for name, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold"))
    }


@dataclass(frozen=True)
class TrueTypeFont:
    """What a PDF needs of a TrueType font: its program and WinAnsi metrics."""

    postscript_name: str
    program: bytes
    widths: tuple[int, ...]  # per code FIRST_CODE..LAST_CODE, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int

    def text_width(self, text: str, size: float) -> float:
        codes = text.encode("cp1252", errors="replace")
        return (
            sum(self.widths[code - FIRST_CODE] for code in codes if code >= FIRST_CODE)
            * size
            / 1000
        )


def _tables(program: bytes) -> dict[str, bytes]:
    (count,) = struct.unpack(">H", program[4:6])
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack(
            ">4sIII", program[12 + 16 * index : 28 + 16 * index]
        )
        tables[tag.decode("latin-1")] = program[offset : offset + length]
    return tables


def _unicode_glyphs(cmap: bytes) -> dict[int, int]:
    """The (3, 1) format 4 subtable of ``cmap``: code point → glyph id."""
    (count,) = struct.unpack(">H", cmap[2:4])
    for index in range(count):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * index : 12 + 8 * index])
        if (platform, encoding) == (3, 1) and struct.unpack(">H", cmap[offset : offset + 2])[
            0
        ] == 4:
            break
    else:
        raise ValueError("the font has no Windows Unicode (3, 1) format 4 cmap")
    table = cmap[offset:]
    segments = struct.unpack(">H", table[6:8])[0] // 2
    ends = struct.unpack(f">{segments}H", table[14 : 14 + 2 * segments])
    base = 16 + 2 * segments
    starts = struct.unpack(f">{segments}H", table[base : base + 2 * segments])
    deltas = struct.unpack(f">{segments}h", table[base + 2 * segments : base + 4 * segments])
    range_base = base + 4 * segments
    offsets = struct.unpack(f">{segments}H", table[range_base : range_base + 2 * segments])
    glyphs = {}
    for segment in range(segments):
        for code in range(starts[segment], min(ends[segment], 0xFFFF) + 1):
            if code > 0x2122:  # beyond what cp1252 reaches
                break
            if offsets[segment] == 0:
                glyph = (code + deltas[segment]) & 0xFFFF
            else:
                at = range_base + 2 * segment + offsets[segment] + 2 * (code - starts[segment])
                glyph = struct.unpack(">H", table[at : at + 2])[0]
                glyph = (glyph + deltas[segment]) & 0xFFFF if glyph else 0
            glyphs[code] = glyph
    return glyphs


def read_truetype(program: bytes, postscript_name: str) -> TrueTypeFont:
    """Metrics of a TrueType font program for the WinAnsi codes 32 to 255."""
    tables = _tables(program)
    (units,) = struct.unpack(">H", tables["head"][18:20])
    bbox = struct.unpack(">4h", tables["head"][36:44])
    ascent, descent = struct.unpack(">hh", tables["hhea"][4:8])
    (metrics,) = struct.unpack(">H", tables["hhea"][34:36])
    advances = struct.unpack(f">{metrics * 2}H", tables["hmtx"][: metrics * 4])[::2]
    glyphs = _unicode_glyphs(tables["cmap"])

    def scaled(value: int) -> int:
        return round(value * 1000 / units)

    widths = []
    for code in range(FIRST_CODE, LAST_CODE + 1):
        try:
            character = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            widths.append(0)
            continue
        glyph = glyphs.get(ord(character), 0)
        widths.append(scaled(advances[min(glyph, metrics - 1)]))
    return TrueTypeFont(
        postscript_name=postscript_name,
        program=program,
        widths=tuple(widths),
        bbox=tuple(scaled(value) for value in bbox),
        ascent=scaled(ascent),
        descent=scaled(descent),
    )


@cache
def embedded_font(style: str) -> TrueTypeFont:
    """The DejaVu Sans font of ``style`` ("regular" or "bold"), read once."""
    name = FONT_FILES[style]
    for directory in FONT_DIRECTORIES:
        if (directory / name).exists():
            program = (directory / name).read_bytes()
            return read_truetype(program, name.removesuffix(".ttf"))
    raise FileNotFoundError(
        f"{name} is not installed (fonts-dejavu-core): PDFs cannot embed their font"
    )


def _font_object(pdf: pikepdf.Pdf, font: TrueTypeFont) -> pikepdf.Object:
    program = pdf.make_stream(font.program)
    program.Length1 = len(font.program)
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/" + font.postscript_name),
        Flags=32,  # non-symbolic
        FontBBox=list(font.bbox),
        ItalicAngle=0,
        Ascent=font.ascent,
        Descent=font.descent,
        CapHeight=font.ascent,
        StemV=80,
        FontFile2=program,
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.TrueType,
            BaseFont=pikepdf.Name("/" + font.postscript_name),
            FirstChar=FIRST_CODE,
            LastChar=LAST_CODE,
            Widths=list(font.widths),
            Encoding=pikepdf.Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


def wrap_width(line: Line, width: float) -> list[Line]:
    """``line`` cut at spaces into lines no wider than ``width`` points."""
    font = embedded_font("bold" if line.bold else "regular")
    available = width - line.indent
    words, parts, current = line.text.split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and font.text_width(candidate, line.size) > available:
            parts.append(current)
            current = word
        else:
            current = candidate
    parts.append(current)
    result = []
    for part in parts:
        # A single word wider than the line is cut by characters.
        while len(part) > 1 and font.text_width(part, line.size) > available:
            cut = len(part) - 1
            while cut > 1 and font.text_width(part[:cut], line.size) > available:
                cut -= 1
            result.append(Line(part[:cut], line.bold, line.size, line.indent))
            part = part[cut:]
        result.append(Line(part, line.bold, line.size, line.indent))
    return result


def paginate(lines: list[Line], footer_room: float = 20) -> list[list[tuple[Line, float]]]:
    """Lines placed on A4 pages as (line, baseline y); an empty line is space."""
    pages, current, y = [], [], PAGE_HEIGHT - MARGIN
    for line in lines:
        height = line.size * LEADING
        if y - height < MARGIN + footer_room:
            pages.append(current)
            current, y = [], PAGE_HEIGHT - MARGIN
            if not line.text:
                continue
        y -= height
        if line.text:
            current.append((line, y))
    pages.append(current)
    return pages


def _show(font: str, size: float, x: float, y: float, text: str) -> bytes:
    return b" ".join(
        [b"BT", f"/{font} {size:g} Tf {x:g} {y:.2f} Td".encode(), pdf_literal(text), b"Tj ET"]
    )


def _declare_pdfa(pdf: pikepdf.Pdf, title: str, author: str, language: str) -> None:
    profile = pdf.make_stream(SRGB_PROFILE.read_bytes())
    profile.N = 3
    pdf.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                Info=pikepdf.String("sRGB IEC61966-2.1"),
                DestOutputProfile=profile,
            )
        ]
    )
    pdf.Root.Lang = pikepdf.String(language)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    # The XMP packet and the document information must agree: pikepdf
    # writes the information dictionary from the packet when it closes.
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = title
        meta["dc:language"] = [language]
        meta["pdf:Producer"] = PRODUCER
        if author:
            meta["dc:creator"] = [author]


def text_document(
    title: str, lines: list[Line], *, author: str = "", language: str = LANGUAGE
) -> bytes:
    """A PDF/A-2b document of ``lines`` on A4 pages, numbered in the footer."""
    pdf = pikepdf.Pdf.new()
    fonts = pikepdf.Dictionary(
        F1=_font_object(pdf, embedded_font("regular")), F2=_font_object(pdf, embedded_font("bold"))
    )
    width = PAGE_WIDTH - 2 * MARGIN
    placed = paginate([part for line in lines for part in wrap_width(line, width)])
    for number, page_lines in enumerate(placed, start=1):
        operations = [
            _show("F2" if line.bold else "F1", line.size, MARGIN + line.indent, y, line.text)
            for line, y in page_lines
        ]
        operations.append(
            _show("F1", 8, PAGE_WIDTH - MARGIN - 50, MARGIN - 20, f"Page {number} / {len(placed)}")
        )
        page = pdf.add_blank_page(page_size=(PAGE_WIDTH, PAGE_HEIGHT))
        page.obj.Resources = pikepdf.Dictionary(Font=fonts)
        page.obj.Contents = pdf.make_stream(b"\n".join(operations))
    _declare_pdfa(pdf, title, author, language)
    out = io.BytesIO()
    pdf.save(out, min_version="1.7")
    return out.getvalue()
