"""The LibreOffice server helpers (Plone-free): wrapper, start, stop, CI rule."""

from _pytest.outcomes import Failed
from _pytest.outcomes import Skipped
from imio.municipal.documents import libreoffice
from imio.municipal.testing import require_libreoffice

import os
import pytest
import subprocess


def test_the_uno_wrapper_runs_debian_python_with_our_packages(tmp_path):
    path = libreoffice.write_uno_wrapper(tmp_path / "bin" / "python-uno", "/venv/site-packages")
    text = open(path).read()
    assert text.startswith("#!/bin/sh\n")
    assert 'PYTHONPATH="/venv/site-packages" exec /usr/bin/python3 "$@"' in text
    assert os.access(path, os.X_OK)


def test_the_wrapper_imports_uno_and_appy(tmp_path):
    if not libreoffice.installed():
        pytest.skip("LibreOffice is not installed")
    wrapper = libreoffice.write_uno_wrapper(tmp_path / "python-uno")
    result = subprocess.run(
        [wrapper, "-c", "import uno, appy; print('ok')"], capture_output=True, text=True
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_uno_is_not_importable_in_the_virtualenv():
    with pytest.raises(ImportError):
        __import__("uno")


def test_a_server_of_its_own_starts_and_stops_without_leftovers(tmp_path):
    if not libreoffice.installed():
        pytest.skip("LibreOffice is not installed")
    port = libreoffice.free_port()
    server = libreoffice.Server(port=port, profile=tmp_path / "profile").start()
    assert libreoffice.listening("localhost", port)
    assert (tmp_path / "profile" / "user").is_dir()
    with pytest.raises(RuntimeError, match="already in use"):
        libreoffice.Server(port=port, profile=tmp_path / "other").start()
    server.stop()
    assert server.process.poll() is not None
    assert not libreoffice.listening("localhost", port)


def test_a_missing_libreoffice_skips_but_fails_in_ci(monkeypatch):
    layer = {"libreoffice": None}
    monkeypatch.setenv("CI", "false")
    with pytest.raises(Skipped):
        require_libreoffice(layer)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(Failed):
        require_libreoffice(layer)
