"""The French-text, translation-coverage and accessibility checks run in
``make test``: none of them may be skipped there without failing."""

from pathlib import Path

import re


TESTS = Path(__file__).parents[2]
ROOT = TESTS.parent
SKIPPING = re.compile(r"\bskip(if)?\b|\bxfail\b|importorskip")


def make_test_recipe() -> str:
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(r"^test:[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.MULTILINE)
    assert match, "the Makefile has a test target"
    return match.group(1)


def test_make_test_requires_the_browser_and_axe():
    conftest = (TESTS / "e2e" / "conftest.py").read_text()
    variable = re.search(r'^REQUIRED_BY_MAKE_TEST = "(\w+)"', conftest, re.MULTILINE).group(1)
    assert f"{variable}=1 $(BIN)/pytest" in make_test_recipe()
    # The browser and axe-core are the tools whose absence fails under make test.
    for tool in ("CHROMIUM", "AXE"):
        call = rf'missing\(\s*f"{{{tool}}} is missing[^\n]*\n\s*required_by_make_test=True'
        assert re.search(call, conftest), tool


def test_make_test_runs_the_whole_suite():
    # No selection that would leave the i18n or browser tests out.
    assert "--ignore" not in make_test_recipe()
    assert "-m " not in make_test_recipe()
    assert re.search(r'testpaths = \["tests"\]', (ROOT / "pyproject.toml").read_text())


def test_the_french_checks_are_never_skipped():
    for path in (
        TESTS / "i18n" / "test_french_pages.py",
        TESTS / "i18n" / "unit" / "test_translation_coverage.py",
    ):
        assert not SKIPPING.search(path.read_text()), f"{path.name} skips or expects failure"


def test_the_accessibility_checks_skip_only_through_the_axe_fixture():
    checked = [
        path
        for path in sorted((TESTS / "e2e").glob("test_*.py"))
        if re.search(r"def test_\w+\([^)]*\baxe\b", path.read_text())
    ]
    assert any(path.name == "test_public_face_flow.py" for path in checked)
    for path in checked:
        assert not SKIPPING.search(path.read_text()), f"{path.name} skips or expects failure"
