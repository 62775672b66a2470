#!/usr/bin/env bash
# Rebuild the translation catalogs of imio.municipal (used by `make i18n`).
#
#   bash scripts/i18n.sh            # from the repository root (or anywhere)
#
# What it does, in order:
#
# 1. imio.municipal domain: rebuild locales/imio.municipal.pot from the whole
#    package (Python `_()` calls, page templates, ZCML titles, and the
#    i18n:translate'd GenericSetup XML such as profiles/default/types/*.xml),
#    then sync locales/{fr,de,en}/LC_MESSAGES/imio.municipal.po with it.
#    New msgids are added with an empty msgstr; msgids gone from the code are
#    dropped. An optional hand-maintained locales/imio.municipal-manual.pot is
#    merged in (for msgids built at runtime that no extractor can see).
#
# 2. plone domain (override catalog, only what this package adds): Plone
#    translates workflow titles and descriptions, state titles and
#    transition titles in the `plone` domain (see the workflow menu and the
#    Types control panel), so they cannot live in imio.municipal.po.
#    locales/plone.pot is rebuilt from profiles/ (state titles marked with
#    i18n:attributes="title" in i18n:domain="plone") merged with the titles
#    and descriptions read from every profiles/*/workflows/*/definition.xml
#    (workflow, state, transition), marked or not, plus an optional
#    hand-maintained locales/plone-manual.pot. Only profiles/ is scanned on
#    purpose: i18ndude cannot tell the domain of a Python `_()` call, so
#    scanning Python for the plone domain would pull in every imio.municipal
#    msgid. These msgids do not exist in plone.app.locales, so the small
#    plone.po files add to Plone's catalog without overriding anything.
#
# 3. Compile every .po into a .mo next to it (python-gettext's msgfmt, the
#    one zope.i18n uses). .mo files are git-ignored: Zope also compiles them
#    at start-up when zope_i18n_compile_mo_files=true. A .po that does not
#    compile makes the script fail.
#
# 4. Summary: per domain and language, translated / untranslated / fuzzy
#    entries, the untranslated msgids, ${placeholder} mismatches between the
#    default text and a translation, and i18ndude find-untranslated on the
#    page templates (tags with text but no i18n:translate). Missing
#    translations are reported, never fatal.
#
# Re-runnable: run it after adding strings, then fill the empty msgstr of
# fr (the default UI language), de and en (en: usually the default text).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DOMAIN=imio.municipal
PACKAGE=src/imio/municipal
LOCALES=$PACKAGE/locales
LANGUAGES=(fr de en)
I18NDUDE=${I18NDUDE:-.venv/bin/i18ndude}
PYTHON=${PYTHON:-.venv/bin/python}

for tool in "$I18NDUDE" "$PYTHON"; do
    if [ ! -x "$tool" ]; then
        echo "i18n.sh: $tool not found; create the virtualenv first (.venv)." >&2
        exit 1
    fi
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

language_name() {
    case $1 in
        fr) echo "Français" ;;
        de) echo "Deutsch" ;;
        en) echo "English" ;;
        *) echo "$1" ;;
    esac
}

plural_forms() {
    case $1 in
        fr) echo "nplurals=2; plural=(n > 1);" ;;
        *) echo "nplurals=2; plural=(n != 1);" ;;
    esac
}

# A .po with only its header, for a language or domain seen for the first time
# (i18ndude sync needs the file to exist).
ensure_po() {
    local domain=$1 lang=$2
    local po=$LOCALES/$lang/LC_MESSAGES/$domain.po
    mkdir -p "$(dirname "$po")"
    if [ ! -f "$po" ]; then
        cat >"$po" <<EOF
msgid ""
msgstr ""
"Project-Id-Version: $DOMAIN\n"
"POT-Creation-Date: $(date -u '+%Y-%m-%d %H:%M+0000')\n"
"PO-Revision-Date: $(date -u '+%Y-%m-%d %H:%M+0000')\n"
"Last-Translator: iMio\n"
"Language-Team: iMio\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=utf-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: $(plural_forms "$lang")\n"
"Language: $lang\n"
"Language-Code: $lang\n"
"Language-Name: $(language_name "$lang")\n"
"Preferred-Encodings: utf-8\n"
"Domain: $domain\n"
EOF
        echo "Created $po"
    fi
}

# rebuild-pot, with the optional merge files that exist.
rebuild_pot() {
    local domain=$1 pot=$2
    shift 2
    local merge=()
    local extra
    for extra in "$@"; do
        case $extra in
            --merge=*)
                extra=${extra#--merge=}
                if [ -s "$extra" ]; then
                    if [ ${#merge[@]} -eq 0 ]; then
                        merge+=(--merge "$extra")
                    else
                        merge+=(--merge2 "$extra")
                    fi
                fi
                ;;
        esac
    done
    local paths=()
    for extra in "$@"; do
        case $extra in
            --merge=*) ;;
            *) paths+=("$extra") ;;
        esac
    done
    # A msgid both found by i18ndude and in a merged .pot gets a
    # "Merge-Warning: Key is already in target-catalog" (printed without a
    # newline): expected for the workflow state titles, so keep it out.
    local status=0
    # Keep the previous .pot when only its POT-Creation-Date would change, so
    # that a run without new strings leaves the catalogs untouched in git.
    if [ -f "$pot" ]; then cp "$pot" "$TMP/previous.pot"; else rm -f "$TMP/previous.pot"; fi
    "$I18NDUDE" rebuild-pot --pot "$pot" --create "$domain" ${merge[@]+"${merge[@]}"} "${paths[@]}" \
        >"$TMP/rebuild.out" 2>&1 || status=$?
    sed -E 's/Merge-Warning: /\nMerge-Warning: /g' "$TMP/rebuild.out" \
        | grep -v -E '^(Merge-Warning: Key is already in target-catalog: .*)?$' >&2 || true
    if [ "$status" -eq 0 ] && [ -f "$TMP/previous.pot" ] \
        && diff -q <(grep -v '^"POT-Creation-Date: ' "$TMP/previous.pot") \
                   <(grep -v '^"POT-Creation-Date: ' "$pot") >/dev/null; then
        cp "$TMP/previous.pot" "$pot"
    fi
    return "$status"
}

sync_po() {
    local domain=$1
    local pos=()
    local lang
    for lang in "${LANGUAGES[@]}"; do
        ensure_po "$domain" "$lang"
        pos+=("$LOCALES/$lang/LC_MESSAGES/$domain.po")
    done
    "$I18NDUDE" sync --pot "$LOCALES/$domain.pot" "${pos[@]}" >/dev/null
}

mkdir -p "$LOCALES"

# --- 1. imio.municipal -------------------------------------------------------
echo "== $DOMAIN: rebuilding $LOCALES/$DOMAIN.pot"
rebuild_pot "$DOMAIN" "$LOCALES/$DOMAIN.pot" \
    --merge="$LOCALES/$DOMAIN-manual.pot" \
    "$PACKAGE"
sync_po "$DOMAIN"

# --- 2. plone (workflow titles) ---------------------------------------------
echo "== plone: rebuilding $LOCALES/plone.pot (workflow titles and descriptions)"
"$PYTHON" - "$PACKAGE/profiles" "$TMP/plone-workflows.pot" <<'PYEOF'
"""Write a .pot of the workflow strings Plone translates in the plone domain."""
import pathlib
import sys
import xml.etree.ElementTree as ET

profiles, target = pathlib.Path(sys.argv[1]), sys.argv[2]
found = {}  # msgid -> references


def add(text, ref):
    text = " ".join((text or "").split())
    if text:
        found.setdefault(text, []).append(ref)


for definition in sorted(profiles.glob("*/workflows/*/definition.xml")):
    ref = definition.relative_to(profiles.parents[2]).as_posix()  # imio/municipal/...
    root = ET.parse(definition).getroot()
    add(root.get("title"), ref)
    add(root.get("description"), ref)
    for tag in ("state", "transition"):
        for node in root.findall(tag):
            add(node.get("title"), ref)
            add(node.findtext("description"), ref)
            action = node.find("action")
            if action is not None:
                add(action.text, ref)


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


with open(target, "w", encoding="utf-8") as out:
    out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
              '"Content-Transfer-Encoding: 8bit\\n"\n"Domain: plone\\n"\n\n')
    for msgid in sorted(found):
        for ref in sorted(set(found[msgid])):
            out.write(f"#: {ref}\n")
        out.write(f"msgid {quote(msgid)}\nmsgstr \"\"\n\n")
PYEOF
rebuild_pot plone "$LOCALES/plone.pot" \
    --merge="$TMP/plone-workflows.pot" \
    --merge="$LOCALES/plone-manual.pot" \
    "$PACKAGE/profiles"
sync_po plone

# --- 3 and 4. compile, check, summarize ----------------------------------------
echo "== compiling and checking catalogs"
"$PYTHON" - "$LOCALES" "$DOMAIN" plone -- "${LANGUAGES[@]}" <<'PYEOF'
"""Compile each .po to .mo, then report what is left to translate."""
import ast
import pathlib
import re
import sys

from pythongettext.msgfmt import Msgfmt
from pythongettext.msgfmt import PoSyntaxError

args = sys.argv[1:]
locales = pathlib.Path(args[0])
split = args.index("--")
domains, languages = args[1:split], args[split + 1:]
PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def parse(path):
    """Entries of a .po/.pot: dicts with msgid, msgstr, default, fuzzy, refs."""
    entries, entry, section = [], None, None

    def flush():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#") or line.startswith("msgid ") or line.startswith("msgctxt "):
            if section in ("msgstr", None) and (entry is None or "msgid" in entry):
                flush()
                entry = {"msgstr": "", "default": None, "fuzzy": False, "refs": []}
                section = "comment"
        if line.startswith("#. Default:"):
            entry["default"] = ast.literal_eval(line[len("#. Default:"):].strip())
        elif line.startswith("#:"):
            entry["refs"].extend(line[2:].split())
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            pass
        elif line.startswith("msgctxt "):
            section = "msgctxt"
            entry["msgctxt"] = ast.literal_eval(line[8:])
        elif line.startswith("msgid "):
            section = "msgid"
            entry["msgid"] = ast.literal_eval(line[6:])
        elif line.startswith("msgstr "):
            section = "msgstr"
            entry["msgstr"] = ast.literal_eval(line[7:])
        elif line.startswith('"') and section in ("msgid", "msgstr", "msgctxt"):
            entry[section] += ast.literal_eval(line)
    flush()
    return [e for e in entries if e["msgid"]]


failed = set()
for domain in domains:
    for lang in languages:
        po = locales / lang / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        try:
            with open(po, "rb") as source:
                mo = Msgfmt(source, domain).get()
        except (PoSyntaxError, SyntaxError, ValueError) as error:
            print(f"ERROR: {po} does not compile: {error}", file=sys.stderr)
            failed.add(po)
            continue
        po.with_suffix(".mo").write_bytes(mo)

print()
print("Translation summary (untranslated = empty msgstr; fuzzy ones are not used):")
for domain in domains:
    pot = locales / f"{domain}.pot"
    if not pot.exists():
        continue
    template = parse(pot)
    no_default = [
        e for e in template
        if e["default"] is None and re.fullmatch(r"[\w.-]+", e["msgid"]) and "_" in e["msgid"]
    ]
    print(f"\n  {domain} ({len(template)} msgids)")
    for entry in no_default:
        print(f"    note: msgid {entry['msgid']!r} has no default text ({', '.join(entry['refs'])})")
    for lang in languages:
        po = locales / lang / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            print(f"    {lang}: missing {po}")
            continue
        if po in failed:
            print(f"    {lang}: ERROR, {po} does not compile (see above)")
            continue
        entries = parse(po)
        empty = [e for e in entries if not e["msgstr"]]
        fuzzy = [e for e in entries if e["msgstr"] and e["fuzzy"]]
        done = len(entries) - len(empty) - len(fuzzy)
        print(f"    {lang}: {done}/{len(entries)} translated, "
              f"{len(empty)} untranslated, {len(fuzzy)} fuzzy")
        for entry in empty + fuzzy:
            shown = entry["default"] if entry["default"] is not None else entry["msgid"]
            kind = "fuzzy" if entry["msgstr"] else "todo"
            print(f"      {kind}: {entry['msgid']!r}"
                  + (f"  (default: {shown!r})" if shown != entry["msgid"] else ""))
        for entry in entries:
            if not entry["msgstr"]:
                continue
            source = entry["default"] if entry["default"] is not None else entry["msgid"]
            want, got = sorted(PLACEHOLDER.findall(source)), sorted(PLACEHOLDER.findall(entry["msgstr"]))
            if want != got:
                print(f"      WARNING placeholders differ in {entry['msgid']!r}: "
                      f"expected {want}, found {got}")

sys.exit(1 if failed else 0)  # missing translations never fail the run
PYEOF

templates=$(find "$PACKAGE" -name '*.pt' -not -path '*/locales/*' | sort)
if [ -n "$templates" ]; then
    echo
    echo "Page template check (i18ndude find-untranslated; errors = text without i18n:translate):"
    # shellcheck disable=SC2086
    "$I18NDUDE" find-untranslated -s $templates || true
    echo "  (no output above: no untranslated text found in $(echo "$templates" | wc -l) template(s))"
fi
