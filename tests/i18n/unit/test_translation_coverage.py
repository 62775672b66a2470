"""Every msgid of the product has a French (and German, English) translation.

The msgids are extracted from the package itself with i18ndude (Python
``_()`` calls, page templates, ZCML and GenericSetup XML), as `make i18n`
does, so a string added without its translation fails here.
"""

from pathlib import Path

import ast
import pytest
import shutil
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "src" / "imio" / "municipal"
LOCALES = PACKAGE / "locales"
LANGUAGES = ("fr", "de", "en")


def catalog(path: Path) -> dict:
    """msgid -> translation of a .po/.pot (fuzzy entries count as missing)."""
    found, entry, section, fuzzy = {}, None, None, False
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            entry = {"msgid": ast.literal_eval(line[6:]), "msgstr": "", "fuzzy": fuzzy}
            section, fuzzy = "msgid", False
        elif line.startswith("msgstr ") and entry is not None:
            entry["msgstr"], section = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and entry is not None and section:
            entry[section] += ast.literal_eval(line)
        elif not line and entry is not None:
            if entry["msgid"]:
                found[entry["msgid"]] = "" if entry["fuzzy"] else entry["msgstr"]
            entry, section = None, None
    return found


@pytest.fixture(scope="module")
def product_msgids(tmp_path_factory):
    i18ndude = Path(sys.executable).with_name("i18ndude")
    if not i18ndude.exists():
        i18ndude = shutil.which("i18ndude")
    assert i18ndude, "i18ndude is part of the test dependencies"
    pot = tmp_path_factory.mktemp("i18n") / "imio.municipal.pot"
    subprocess.run(
        [str(i18ndude), "rebuild-pot", "--pot", str(pot), "--create", "imio.municipal"]
        + [str(PACKAGE)],
        check=True,
        capture_output=True,
    )
    msgids = set(catalog(pot))
    assert len(msgids) > 500, "the extraction found the product's strings"
    return msgids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_product_msgid_is_translated(product_msgids, language):
    translations = catalog(LOCALES / language / "LC_MESSAGES" / "imio.municipal.po")
    missing = sorted(msgid for msgid in product_msgids if not translations.get(msgid))
    assert not missing, f"msgids without a {language} translation: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", ["plone", "collective.z3cform.datagridfield"])
def test_the_other_domains_we_complete_are_translated(domain, language):
    translations = catalog(LOCALES / language / "LC_MESSAGES" / f"{domain}.po")
    assert translations
    assert not sorted(msgid for msgid, text in translations.items() if not text)


def test_a_missing_translation_is_seen(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "A"\n\n'
        '#, fuzzy\nmsgid "b"\nmsgstr "B"\n\nmsgid "c"\nmsgstr ""\n'
    )
    assert catalog(po) == {"a": "A", "b": "", "c": ""}
