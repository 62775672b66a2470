"""Ports of `make run` and `make run-cluster`: one place, checked before start.

Every port comes from etc/ports.env (overridable from the environment); a
port already taken by another program stops the start at once, naming the
setting to change, before any process of ours is started.
"""

from pathlib import Path

import os
import pytest
import re
import socket
import subprocess


ROOT = Path(__file__).resolve().parents[2]
PORTS_ENV = ROOT / "etc" / "ports.env"
SETTINGS = ("HTTP_PORT", "ZEO_ADDRESS", "LIBREOFFICE_PORT", "REGION_PORT", "TSA_PORT")
CLUSTER_SETTINGS = ("CLUSTER_PORT", "ZOPE_PORTS", "PG_PORT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def busy():
    """A port some other program listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def free_settings(names) -> dict:
    ports = {name: str(free_port()) for name in names}
    if "ZEO_ADDRESS" in ports:
        ports["ZEO_ADDRESS"] = f"localhost:{ports['ZEO_ADDRESS']}"
    if "ZOPE_PORTS" in ports:
        ports["ZOPE_PORTS"] = f"{free_port()} {free_port()}"
    return ports


def start(script: str, command: str, tmp_path: Path, settings: dict):
    env = {
        **{k: v for k, v in os.environ.items() if k not in SETTINGS + CLUSTER_SETTINGS},
        "VAR": str(tmp_path / "var"),
        "CLUSTER_VAR": str(tmp_path / "cluster"),
        # the soffice binary is found: its port is checked too
        "SOFFICE_BIN": "/bin/true",
        "REGION_SIMULATOR": "true",
        "TSA": "true",
        **settings,
    }
    return subprocess.run(
        [ROOT / "scripts" / script, command],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_every_default_port_is_in_ports_env():
    text = PORTS_ENV.read_text()
    for name in SETTINGS + CLUSTER_SETTINGS:
        assert f': "${{{name}:=' in text, name
    # no script keeps a default port of its own
    for script in ("run.sh", "cluster.sh"):
        source = (ROOT / "scripts" / script).read_text()
        assert 'source "$ROOT/etc/ports.env"' in source
        assert not re.findall(r"\$\{\w+:-[\w.:]*\d{4}\b", source), script


@pytest.mark.parametrize("name", SETTINGS)
def test_run_names_the_taken_port_and_starts_nothing(tmp_path, busy, name):
    settings = free_settings(SETTINGS)
    settings[name] = f"localhost:{busy}" if name == "ZEO_ADDRESS" else str(busy)
    result = start("run.sh", "serve", tmp_path, settings)
    assert result.returncode != 0
    assert f"Port {busy} ({name}) is already in use" in result.stderr
    assert f"set {name}" in result.stderr
    # nothing was started, not even the configuration rendered
    assert not (tmp_path / "var" / "etc" / "zope.conf").exists()
    assert not list((tmp_path / "var").glob("run/*.pid"))


@pytest.mark.parametrize("name", CLUSTER_SETTINGS)
def test_cluster_names_the_taken_port_and_starts_nothing(tmp_path, busy, name):
    settings = free_settings(CLUSTER_SETTINGS)
    settings[name] = f"{free_port()} {busy}" if name == "ZOPE_PORTS" else str(busy)
    result = start("cluster.sh", "start", tmp_path, settings)
    assert result.returncode != 0
    assert f"Port {busy} ({name}) is already in use" in result.stderr
    assert f"set {name}" in result.stderr
    assert not (tmp_path / "cluster" / "etc").exists()
    assert not (tmp_path / "cluster" / "pg").exists()
