"""An HTML fragment read as text: its text nodes as one string with block
separators, written back after masking; editors' marks; text attributes.

>>> root = parse("<p>M. <strong>Jean</strong> Dupont</p><p>suite</p>")
>>> pieces = Pieces(root)
>>> pieces.replace([(pieces.text.index("Jean"), pieces.text.index("Dupont") + 6)], "[…]")
>>> serialise(root)
'<p>M. <strong>[…]</strong></p><p>suite</p>'
"""

from lxml import etree

import lxml.html


SEPARATOR = "\x00"  # between blocks: no pattern matches across it
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}  # fmt: skip
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "aria-description", "placeholder", "value"}


class Pieces:
    """The text nodes of a tree, read as one string with block separators."""

    def __init__(self, root: etree._Element):
        self.slots: list[tuple[etree._Element, str] | None] = []
        self.parts: list[str] = []
        self._walk(root, is_root=True)
        self.text = "".join(self.parts)

    def _add(self, slot, part):
        self.slots.append(slot)
        self.parts.append(part)

    def _walk(self, element, is_root=False):
        block = element.tag in BLOCKS
        if block:
            self._add(None, SEPARATOR)
        if element.text:
            self._add((element, "text"), element.text)
        for child in element:
            self._walk(child)
        if block:
            self._add(None, SEPARATOR)
        if element.tail and not is_root:
            self._add((element, "tail"), element.tail)

    def replace(self, spans: list[tuple[int, int]], marker: str) -> None:
        """Put ``marker`` in place of each span (which may cross inline tags)."""
        edits: dict[int, list[tuple[int, int, str]]] = {}
        offset = 0
        ranges = []
        for part in self.parts:
            ranges.append((offset, offset + len(part)))
            offset += len(part)
        for start, end in spans:
            first = True
            for index, (low, high) in enumerate(ranges):
                if high <= start or low >= end or self.slots[index] is None:
                    continue
                replacement = marker if first else ""
                edits.setdefault(index, []).append(
                    (max(start, low) - low, min(end, high) - low, replacement)
                )
                first = False
        for index, changes in edits.items():
            part = self.parts[index]
            for low, high, replacement in sorted(changes, reverse=True):
                part = part[:low] + replacement + part[high:]
            element, attribute = self.slots[index]
            setattr(element, attribute, part)


def parse(html: str) -> etree._Element:
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return root


def serialise(root: etree._Element) -> str:
    html = lxml.html.tostring(root, encoding="unicode")
    return html[len("<div>") : -len("</div>")] if html != "<div></div>" else ""


def manual_spans(root: etree._Element, css_class: str) -> list[etree._Element]:
    """Outermost elements marked by an editor as personal data."""
    marked = root.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), $mark)]", mark=f" {css_class} "
    )
    ids = {id(e) for e in marked}
    return [e for e in marked if not any(id(a) in ids for a in e.iterancestors())]


def replace_with(element: etree._Element, marker: str) -> None:
    text = marker + (element.tail or "")
    previous = element.getprevious()
    parent = element.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def attribute_texts(root: etree._Element):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name in TEXT_ATTRIBUTES or name == "href" or name.startswith("data-"):
                yield element, name, value
