"""Dev-time workflow XML + markdown generator.

    python3 wfgen.py SPEC.py OUTDIR   writes OUTDIR/definition.xml and OUTDIR/<ID>.md
    python3 wfgen.py --all            regenerates every *_spec.py into the profile

`render(spec)` returns the same files as strings, for the drift test.
"""

from pathlib import Path
from xml.sax.saxutils import quoteattr as q

import importlib.util
import sys


HERE = Path(__file__).resolve().parent
PROFILE_WORKFLOWS = (
    HERE.parents[1] / "src" / "imio" / "municipal" / "profiles" / "default" / "workflows"
)


def load_spec(spec_path):
    # Specs import their shared lists (managed_permissions) from this folder.
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    spec_mod = importlib.util.spec_from_file_location("spec", spec_path)
    S = importlib.util.module_from_spec(spec_mod)
    spec_mod.loader.exec_module(S)
    return S


def spec_paths():
    return sorted(HERE.glob("*_spec.py"))


def render_xml(S):
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="utf-8"?>')
    w(
        f'<dc-workflow xmlns:i18n="http://xml.zope.org/namespaces/i18n"\n             description={q(S.DESCRIPTION)}\n             initial_state="{S.INITIAL}"\n             manager_bypass="False"\n             state_variable="review_state"\n             title={q(S.TITLE)}\n             workflow_id="{S.ID}"\n             i18n:attributes="title; description"\n             i18n:domain="plone"\n>'
    )
    for p in S.PERMS:
        w(f"  <permission>{p}</permission>")
    for st in S.STATES:
        sid, title, desc, exits = st["id"], st["title"], st["description"], st["exits"]
        w(
            f'  <state state_id="{sid}"\n         title={q(title)}\n         i18n:attributes="title"\n  >'
        )
        w(f'    <description i18n:translate="">{desc}</description>')
        for x in exits:
            w(f'    <exit-transition transition_id="{x}" />')
        roles = S.perm_roles(st)
        for p in S.PERMS:
            w(f'    <permission-map acquired="False"\n                    name={q(p)}\n    >')
            for r in roles[p]:
                w(f"      <permission-role>{r}</permission-role>")
            w("    </permission-map>")
        w("  </state>")
    for t in S.TRANSITIONS:
        # Plone's own content_status_modify reads "workflow_action"; the
        # product's transition pages read "transition".
        parameter = "workflow_action" if S.FORM == "content_status_modify" else "transition"
        url = f"%(content_url)s/@@{S.FORM}?{parameter}={t['id']}"
        w(
            f'  <transition after_script=""\n              before_script=""\n              new_state="{t["to"]}"\n              title={q(t["title"])}\n              transition_id="{t["id"]}"\n              trigger="USER"\n              i18n:attributes="title"\n  >'
        )
        w(f'    <description i18n:translate="">{t["description"]}</description>')
        w(
            f'    <action category="workflow"\n            icon=""\n            url="{url}"\n            i18n:translate=""\n    >{t["title"]}</action>'
        )
        w("    <guard>")
        for r in t["roles"]:
            w(f"      <guard-role>{r}</guard-role>")
        if t.get("expr"):
            w(f"      <guard-expression>{t['expr']}</guard-expression>")
        w("    </guard>\n  </transition>")
    w((HERE / "vars.xml").read_text(encoding="utf-8").rstrip())
    return "\n".join(out) + "\n"


def render_md(S):
    ab = S.ABBREV

    def fmt(rs):
        return ", ".join(ab[r] for r in rs if ab.get(r)) or (
            "platform admins only" if rs else "nobody"
        )

    md = [
        f"# {S.ID}",
        "",
        "Generated together with `definition.xml`; keep them in step.",
        "",
        S.ROLES_TEXT,
        "",
        "Every permission that reveals or changes content is mapped in every state, so",
        "no generic role (Contributor, Editor, Reviewer, Owner unless listed) gets it from",
        "the site: *who sees* also reads the versions (`CMFEditions: Access previous",
        "versions`); *who edits* also saves versions and adds annexes; checking a version",
        "out elsewhere, properties, the view template, allowed types and sharing are for",
        "platform admins only, and so are the permissions Plone's role map gives to Owner",
        "(management screens, undo, ownership, URL aliases, locks, delegating roles, adding",
        "Plone's own types: `scripts/workflows/managed_permissions.py`). Annexes have no",
        "workflow: they follow this table.",
        "",
        "## States",
        "",
        f"| state | who sees | who edits | {getattr(S, 'CONTENT_LABEL', 'who edits the act' + chr(39) + 's content')} | who restores a version | who copies or moves | who deletes | transitions out |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for st in S.STATES:
        r = S.perm_roles(st)
        md.append(
            f"| {st['id']} | {fmt(r['View'])} | {fmt(r['Modify portal content'])} | {fmt(r[S.CONTENT_PERM])} | {fmt(r['CMFEditions: Revert to previous versions'])} | {fmt(r['Copy or Move'])} | {fmt(r['Delete objects'])} | {', '.join(st['exits']) or '—'} |"
        )
    md += [
        "",
        "## Transitions",
        "",
        "| transition | to | who | condition | comment required |",
        "|---|---|---|---|---|",
    ]
    for t in S.TRANSITIONS:
        md.append(
            f"| {t['id']} ({t['title']}) | {t['to']} | {fmt(t['roles'])} | {t.get('condition', '—')} | {'yes' if t.get('comment') else 'no'} |"
        )
    md += ["", "## Notes", "", S.NOTES]
    return "\n".join(md) + "\n"


def render(S):
    """The generated files of one spec: {file name: text}."""
    return {"definition.xml": render_xml(S), f"{S.ID}.md": render_md(S)}


def write(S, outdir):
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for name, text in render(S).items():
        (outdir / name).write_text(text, encoding="utf-8")


def main(argv):
    if argv == ["--all"]:
        for path in spec_paths():
            S = load_spec(path)
            write(S, PROFILE_WORKFLOWS / S.ID)
            print(f"{path.name} -> {S.ID}")
    elif len(argv) == 2:
        write(load_spec(argv[0]), argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
