"""Find English words in the visible text of a page rendered in French.

A heuristic, not a language detector: a word counts as English when it is in
ENGLISH_WORDS, a list of words of Plone's and its add-ons' interface that are
not French words too (« date », « description », « message », « type » or
« service » are both, so they are not listed). Visible text is every text
node outside script/style/template and hidden inputs, plus the attributes a
user meets (title, placeholder, aria-label, alt, the value of buttons).
"""

from lxml import html as lxml_html

import re


ENGLISH_WORDS = frozenset(
    """
    about add added all and any are back before browse build cancel
    choose clear click close contents copy create created cut
    delete details display down download edit editor empty enter error
    files filter find first folder for from help hide history home items last
    less load loading log login logout manage modified more move new next
    none not now off only open or out paste powered previous remove rename
    required reset row rows save search select selected send settings share
    sharing show state status store submit the this title to up upload
    user users view with you your yes
    """.split()
)
# MIME types and editor names shown in place of French labels.
ENGLISH_PATTERNS = (re.compile(r"\btext/(html|plain|x-web-[a-z]+)\b"), re.compile(r"tinymce", re.I))
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "textarea", "svg"})
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_TYPES = frozenset({"submit", "button", "reset"})
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:'[A-Za-z]+)?")


def _is_hidden(element) -> bool:
    return element.tag == "input" and (element.get("type") or "").lower() == "hidden"


def visible_strings(page: str):
    """The strings a user can read or hear on the page, one per node."""
    tree = lxml_html.document_fromstring(page)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if any(ancestor.tag in SKIPPED_TAGS for ancestor in element.iterancestors()):
            continue
        if element.tag in SKIPPED_TAGS or _is_hidden(element):
            if element.tail and element.tail.strip():
                yield element.tail.strip()
            continue
        for name in READ_ATTRIBUTES:
            if element.get(name):
                yield element.get(name)
        if element.tag == "input" and (element.get("type") or "").lower() in BUTTON_TYPES:
            if element.get("value"):
                yield element.get("value")
        for text in (element.text, element.tail):
            if text and text.strip():
                yield " ".join(text.split())


def english_in(page: str, allowed=()) -> set:
    """The strings of the page that look English, minus the allowed ones."""
    found = set()
    for text in visible_strings(page):
        if text in allowed:
            continue
        words = {word.lower() for word in WORD.findall(text)}
        if words & ENGLISH_WORDS or any(pattern.search(text) for pattern in ENGLISH_PATTERNS):
            found.add(text[:120])
    return found
