"""The generated workflow definitions match their specs (no hand edits, no drift).

Regenerate with `make workflows` after changing a spec in scripts/workflows/.
"""

from pathlib import Path

import difflib
import importlib.util
import pytest


REPO = Path(__file__).resolve().parents[2]
WFGEN = REPO / "scripts" / "workflows" / "wfgen.py"
GENERATED = {
    "municipal_act_workflow",
    "municipal_dossier_workflow",
    "municipal_pic_workflow",
    "municipal_shared_project_workflow",
    "municipal_session_workflow",
    "municipal_mandate_workflow",
    "municipal_data_subject_request_workflow",
    "municipal_inquiry_workflow",
}


def load_wfgen():
    spec = importlib.util.spec_from_file_location("wfgen", WFGEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wfgen = load_wfgen()
SPECS = {path.name: path for path in wfgen.spec_paths()}


def drift(committed: Path, expected: str) -> str:
    """A unified diff from the committed file to what the spec generates, or ''."""
    actual = committed.read_text(encoding="utf-8") if committed.exists() else ""
    if actual == expected:
        return ""
    diff = difflib.unified_diff(
        actual.splitlines(keepends=True),
        expected.splitlines(keepends=True),
        fromfile=f"{committed.relative_to(REPO)} (committed)",
        tofile=f"{committed.name} (generated from the spec)",
        n=2,
    )
    lines = list(diff)
    if len(lines) > 80:
        lines = lines[:80] + [f"... {len(lines) - 80} more diff lines\n"]
    return "".join(lines)


def test_every_generated_workflow_has_a_spec():
    ids = {wfgen.load_spec(path).ID for path in SPECS.values()}
    assert ids == GENERATED


@pytest.mark.parametrize("spec_name", sorted(SPECS))
def test_committed_files_match_the_spec(spec_name):
    spec = wfgen.load_spec(SPECS[spec_name])
    outdir = wfgen.PROFILE_WORKFLOWS / spec.ID
    problems = [drift(outdir / name, text) for name, text in sorted(wfgen.render(spec).items())]
    problems = [p for p in problems if p]
    if problems:
        pytest.fail(
            f"{spec.ID} differs from scripts/workflows/{spec_name}: edit the spec, then "
            "run `make workflows` (never edit the generated files by hand).\n\n"
            + "\n".join(problems),
            pytrace=False,
        )


def test_the_specs_share_the_managed_permissions():
    shared = wfgen.load_spec(SPECS["act_spec.py"]).MANAGED_PERMS
    for path in SPECS.values():
        spec = wfgen.load_spec(path)
        assert set(shared) <= set(spec.PERMS), spec.ID
        roles = [spec.perm_roles(state) for state in spec.STATES]
        # Every listed permission is mapped in every state, and only those.
        assert all(set(r) == set(spec.PERMS) for r in roles), spec.ID
