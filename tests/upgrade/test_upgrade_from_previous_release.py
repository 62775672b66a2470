"""A database made by the previous release opens with the current code.

The previous release (a pinned commit) builds the demo site in a FileStorage;
the current code runs zodbupdate with the package's renames (when it declares
some), the pending upgrade steps, then renders every content object and the
staff's pages. About two minutes: ``pytest -m upgrade``.
"""

from contextlib import contextmanager

import os
import previous_release
import pytest
import time


pytestmark = pytest.mark.upgrade

CI = os.environ.get("CI", "").lower() == "true"


@contextmanager
def documents_server(directory):
    """A LibreOffice of its own while the previous release builds the demo:
    without one the demo publishes nothing (no public versions to load)."""
    from imio.municipal.documents import libreoffice

    if not libreoffice.installed():
        if CI:
            pytest.fail("LibreOffice is missing: the demo would have no public versions")
        yield {}
        return
    server = libreoffice.Server(
        port=libreoffice.free_port(), profile=directory / "profile", log=directory / "soffice.log"
    ).start()
    try:
        yield {
            "OO_SERVER": "localhost",
            "OO_PORT": str(server.port),
            "PYTHON_UNO": libreoffice.write_uno_wrapper(directory / "python-uno"),
        }
    finally:
        server.stop()


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """(what the previous release showed, what the current code found)."""
    started = time.monotonic()
    root = tmp_path_factory.mktemp("upgrade")
    try:
        old_tree = previous_release.extract(previous_release.PREVIOUS_RELEASE, root / "previous")
    except previous_release.Unavailable as reason:
        message = f"The previous release's code is unavailable: {reason}"
        if CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    instance = root / "instance"
    conf = previous_release.make_instance(instance)
    with documents_server(root / "libreoffice") as documents_env:
        before = previous_release.build(old_tree, instance, conf, documents_env)
    before["read_by_current_code"] = previous_release.scan_before_update(instance)
    zodbupdate_log = previous_release.update_class_paths(instance)
    after = previous_release.open_with_new_code(instance, conf)
    print(
        f"\nUpgrade from {previous_release.PREVIOUS_RELEASE[:7]}: "
        f"{len(before['objects'])} objects built, "
        f"{sum('rendered' in item for item in after['objects'].values())} rendered, "
        f"zodbupdate {'run' if zodbupdate_log is not None else 'not declared'}, "
        f"upgrade steps {after['upgrade']['steps']}, "
        f"{time.monotonic() - started:.0f}s"
    )
    return before, after


def test_each_release_ran_its_own_code(upgraded):
    before, after = upgraded
    assert "/previous/src/imio/municipal/" in before["package"]
    assert after["package"].startswith(str(previous_release.REPOSITORY / "src"))


def test_the_upgrade_steps_reach_the_current_profile_version(upgraded):
    before, after = upgraded
    upgrade = after["upgrade"]
    assert upgrade["before"] == ".".join(before["profile_version"])
    assert upgrade["after"] == upgrade["target"], upgrade["steps"]
    assert "still_pending" not in upgrade


def test_before_zodbupdate_the_old_paths_give_the_moved_classes(upgraded):
    before, after = upgraded
    read = before["read_by_current_code"]
    assert read["unresolved"] == []
    assert read["differ"] == []
    # Every old path the records name is renamed: none stays after zodbupdate.
    assert read["unrenamed"] == []
    if after["renames"]:
        assert read["aliased"], "the records name no old path: nothing was moved?"


def test_the_types_name_classes_and_schemas_the_code_provides(upgraded):
    _, after = upgraded
    assert after["types"] == {}


def test_the_catalog_lists_no_content_under_an_old_path(upgraded):
    _, after = upgraded
    assert after["stale_catalog"] == []


def test_every_record_refers_to_classes_the_code_provides(upgraded):
    _, after = upgraded
    storage = after["storage"]
    assert storage["unresolved"] == []
    # The demo's persistent classes were all seen (not a vacuous scan).
    kinds = {path.rsplit(".", 1)[-1] for path in storage["records_classes"]}
    assert {"Act", "Dossier", "Municipality", "Counter", "DeadlineQueue", "Outbox"} <= kinds
    # After zodbupdate, no record keeps a path the renames replace.
    assert storage["old_paths_left"] == []


def test_every_demo_object_renders_with_its_title(upgraded):
    before, after = upgraded
    assert after["failures"] == [], "\n\n".join(
        f"{failure['path']}:\n{failure['error']}" for failure in after["failures"]
    )
    objects = after["objects"]
    assert len(before["objects"]) > 50
    missing = sorted(set(before["objects"]) - set(objects))
    assert missing == []
    renames = after["renames"]
    for path, old in before["objects"].items():
        new = objects[path]
        assert "rendered" in new, path
        assert new["title_shown"], f"{path}: its page does not show {new['title']!r}"
        assert (new["title"], new["portal_type"]) == (old["title"], old["portal_type"]), path
        module, name = old["class"].rsplit(".", 1)
        moved = renames.get(f"{module} {name}", f"{module} {name}").replace(" ", ".")
        assert new["class"] == moved, path


def test_the_staff_pages_show_what_they_showed(upgraded):
    before, after = upgraded
    for page in ("worklist", "dashboard"):
        assert all(before[page].values()), f"the previous release's {page} is empty"
    assert {login: sorted(rows) for login, rows in after["dashboard"].items()} == {
        login: sorted(rows) for login, rows in before["dashboard"].items()
    }
    # Since 1013 the worklist lists only the user's move (no file waiting for
    # the applicant, no decided file, nothing the head has not been sent, no
    # act waiting for the Region): what it shows is a part of what it showed.
    for login, rows in after["worklist"].items():
        assert {tuple(row) for row in rows} <= {tuple(row) for row in before["worklist"][login]}
    assert after["worklist"]["namur-agent-urbanisme"], "the agent's worklist is empty"
