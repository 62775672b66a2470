"""`make test` beside a running demo.

A demo is started by ``scripts/run.sh`` on its default ports (etc/ports.env:
Zope, ZEO, LibreOffice, the regional simulator, the timestamp authority);
the scale-out scenario (a site built with the demo data, its public PDFs
rendered) runs beside it with servers of its own. The scenario passes, it
renders with its own LibreOffice, and the demo still runs and answers.
Skipped when a default port is already taken (a demo already runs here).
"""

from default_ports import defaults
from pathlib import Path
from scaleout_scenario import check
from scaleout_scenario import two_processes
from zeo_cluster import Cluster
from zeo_cluster import REPO

import os
import pytest
import signal
import socket
import subprocess
import time
import urllib.request


SETTINGS = ("HTTP_PORT", "ZEO_ADDRESS", "LIBREOFFICE_PORT", "REGION_PORT", "TSA_PORT")


def taken(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def demo(tmp_path):
    ports = {name: int(defaults()[name].rsplit(":", 1)[-1]) for name in SETTINGS}
    busy = [f"{name} {port}" for name, port in ports.items() if taken(port)]
    if busy:
        pytest.skip(f"default ports already taken here: {', '.join(busy)}")
    var = tmp_path / "demo"
    log = tmp_path / "demo.log"
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS}
    # the processes of the demo (the demo data itself is what the scenario builds)
    env.update(VAR=str(var), DEMO="false", REGION_SIMULATOR="true", TSA="true")
    with log.open("w") as output:
        process = subprocess.Popen(
            [REPO / "scripts" / "run.sh"],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 600
        while "Ready: " not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the demo did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(1)
        yield {"process": process, "var": var, "ports": ports, "log": log}
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # run.sh stops what it started
            try:
                process.wait(120)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def answers(port: int) -> int:
    with urllib.request.urlopen(f"http://localhost:{port}/Plone", timeout=60) as response:  # noqa: S310
        return response.status


def test_scaleout_beside_a_demo_on_the_default_ports(demo, documents, tmp_path: Path):
    assert answers(demo["ports"]["HTTP_PORT"]) == 200
    run_dir = demo["var"] / "run"
    started = {pid.stem: int(pid.read_text()) for pid in run_dir.glob("*.pid")}
    assert {"zeo", "libreoffice", "simulator", "tsa", "zope"} <= set(started), started

    cluster = Cluster(tmp_path / "test")
    try:
        cluster.start_zeo()
        conf_b = tmp_path / "zope-b.conf"
        conf_b.write_text(
            cluster.zope_conf.read_text().replace("/cache/blobs\n", "/cache/blobs-b\n")
        )
        work = tmp_path / "work"
        work.mkdir()
        result = two_processes(
            cluster, cluster.zope_conf, cluster.zope_conf, conf_b, work, documents
        )
        check(result)
        assert result["state"]["oo_port_list"] == str(documents["port"])
        assert documents["port"] != demo["ports"]["LIBREOFFICE_PORT"]
    finally:
        cluster.stop_all()

    # the demo kept every process and still answers
    assert demo["process"].poll() is None, demo["log"].read_text(errors="replace")[-3000:]
    assert [name for name, pid in started.items() if not alive(pid)] == []
    assert answers(demo["ports"]["HTTP_PORT"]) == 200
