"""The README stays short, the docs' links lead somewhere, the code map is whole."""

from pathlib import Path

import ast
import pytest
import re


def _repository_root() -> Path:
    for folder in Path(__file__).resolve().parents:
        if (folder / "setup.py").is_file():
            return folder
    raise AssertionError("no setup.py above the tests")


ROOT = _repository_root()
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PACKAGE = ROOT / "src" / "imio" / "municipal"
# Folders of the package that hold no code of a capability.
NOT_IN_CODE_MAP = {"locales", "profiles", "upgrades", "__pycache__"}

# [text](target), not images' nor code spans' look-alikes in a URL.
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
CODE_MAP_ITEM = re.compile(r"^- `([a-z_]+)/` — \S")


def markdown_files():
    return [README, *sorted(DOCS.rglob("*.md"))]


def without_code_blocks(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set:
    found = set()
    for line in without_code_blocks(path.read_text(encoding="utf-8")).splitlines():
        match = HEADING.match(line)
        if match:
            found.add(anchor(match.group(1)))
    return found


def relative_links(path: Path):
    text = without_code_blocks(path.read_text(encoding="utf-8"))
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        yield target


def test_readme_is_short_and_starts_with_the_two_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200
    assert lines[0].startswith("# ")
    block = lines[lines.index("```shell") + 1 :][:3]
    assert lines.index("```shell") < 5
    assert block[0].startswith("make run ")
    assert "http://localhost:8080/Plone" in block[0]
    assert block[1].startswith("make test ")
    assert block[2] == "```"


def test_anchor_follows_github():
    assert anchor("Reminders (`municipal-reminders`)") == "reminders-municipal-reminders"
    assert anchor("Open data, feed, sitemap") == "open-data-feed-sitemap"


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_lead_to_existing_files(path):
    broken = []
    for target in relative_links(path):
        name, _, fragment = target.partition("#")
        linked = (path.parent / name).resolve() if name else path
        if not linked.exists():
            broken.append(target)
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(target)
    assert broken == []


# A path of the repository in backquotes, and a Python example's import.
REPOSITORY_PATH = re.compile(r"`((?:\.ci|benchmarks|docs|etc|scripts|src|tests)/[^`\s]*)`")
PYTHON_IMPORT = re.compile(r"^from (imio\.municipal[\w.]*) import (\w+)", re.MULTILINE)
# Made by `make test` or `make run`, not committed.
GENERATED = {"tests/e2e/node_modules"}


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_paths_named_in_the_docs_exist(path):
    named = set(REPOSITORY_PATH.findall(path.read_text(encoding="utf-8"))) - GENERATED
    missing = sorted(name for name in named if not list(ROOT.glob(name.rstrip("/"))))
    assert missing == []


def defined_names(module: str) -> set:
    """Top-level names of a module of the package, read without importing it."""
    base = ROOT / "src" / Path(*module.split("."))
    source = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
    if not source.is_file():
        return set()
    names = set()
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_import_what_exists(path):
    imports = PYTHON_IMPORT.findall(path.read_text(encoding="utf-8"))
    wrong = [f"{module}.{name}" for module, name in imports if name not in defined_names(module)]
    assert wrong == []


def test_python_examples_are_found():
    # Both halves see something: the imports of the docs, the names of a module.
    assert PYTHON_IMPORT.findall((DOCS / "operations.md").read_text(encoding="utf-8"))
    assert "make_app" in defined_names("imio.municipal.exchange.simulator")
    assert defined_names("imio.municipal.no_such_module") == set()


def test_readme_and_docs_have_links_to_check():
    # The link pattern finds the README's table of pages (a regex that matched
    # nothing would let every broken link through).
    targets = set(relative_links(README))
    assert {"docs/architecture.md", "docs/security.md", "docs/rest-api.md"} <= targets


def code_map_names():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Code map", 1)[1].split("\n## ", 1)[0]
    return [m.group(1) for m in map(CODE_MAP_ITEM.match, section.splitlines()) if m]


def packages():
    return sorted(
        child.name
        for child in PACKAGE.iterdir()
        if child.is_dir()
        and child.name not in NOT_IN_CODE_MAP
        and (child / "__init__.py").is_file()
    )


def test_code_map_lists_packages_once():
    names = code_map_names()
    assert len(names) >= 5
    assert len(names) == len(set(names))


def test_every_package_is_in_the_code_map():
    assert set(packages()) - set(code_map_names()) == set()
