"""The two-process scenario shared by the ZEO and the RelStorage tests.

Process A and process B are separate ``zconsole run`` processes, each with its
own zope.conf (its own blob cache) on the same database:

1. the site with the demo data (``scripts/create_site.py``, as ``make run``);
2. A creates a case file with a file (a blob), an act and acts to adopt;
3. B reads them (the file's bytes through its own blob cache) and proposes
   the act;
4. A and B adopt acts at the same moment (each its half, one transaction
   per act, conflicts retried) and read every number once both are done.
"""

from pathlib import Path
from zeo_cluster import Cluster
from zeo_cluster import REPO
from zeo_cluster import tail
from zeo_cluster import VENV_BIN

import json
import subprocess
import time


ACTOR = Path(__file__).with_name("actor.py")
ACTS = 40  # acts adopted at once: 20 by each process


def environment(documents: dict) -> dict:
    """What every process of the scenario gets: the tests' LibreOffice, no
    regional simulator (the demo build must not send anything), no timestamp
    authority; whatever the shell (or a running demo) has set."""
    return {
        "OO_SERVER": "localhost",
        "OO_PORT": str(documents["port"]),
        "PYTHON_UNO": str(documents["uno_path"]),
        "IMIO_MUNICIPAL_REGION_URL": "",
        "IMIO_MUNICIPAL_TSA_URL": "",
        "IMIO_MUNICIPAL_TSA_ROOT": "",
    }


def spawn(cluster: Cluster, name: str, conf: Path, script: Path, *args, env) -> subprocess.Popen:
    return cluster.spawn(name, [VENV_BIN / "zconsole", "run", conf, script, *args], env=env)


def finish(cluster: Cluster, process: subprocess.Popen, timeout: float) -> str:
    """Wait for a zconsole process (killed after ``timeout`` s); its output."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        cluster.kill(process)
        raise AssertionError(
            f"{process.log_path.name} still runs after {timeout} s:\n{tail(process.log_path)}"
        ) from None
    if process.returncode:
        raise AssertionError(
            f"{process.log_path.name} failed ({process.returncode}):\n{tail(process.log_path, 60)}"
        )
    return process.log_path.read_text(errors="replace")


def run(cluster, name, conf, script, *args, env, timeout=300) -> str:
    return finish(cluster, spawn(cluster, name, conf, script, *args, env=env), timeout)


def two_processes(
    cluster: Cluster, setup_conf: Path, conf_a: Path, conf_b: Path, work: Path, documents: dict
):
    """Run the scenario; what each step saw, and how long it took."""
    env = environment(documents)
    timings = {}
    begin = time.monotonic()
    run(cluster, "create-site", setup_conf, REPO / "scripts" / "create_site.py",
        "--mail-queue", work / "mail", env=env, timeout=400)  # fmt: skip
    timings["create_site"] = round(time.monotonic() - begin, 1)

    state = work / "state.json"
    step = time.monotonic()
    run(cluster, "a-create", conf_a, ACTOR, "create", "--state", state, "--acts", ACTS, env=env)
    timings["a_create"] = round(time.monotonic() - step, 1)
    step = time.monotonic()
    run(cluster, "b-read", conf_b, ACTOR, "read", "--state", state, "--out", work / "read-b.json",
        env=env)  # fmt: skip
    timings["b_read"] = round(time.monotonic() - step, 1)

    step = time.monotonic()
    barrier = work / "barrier"
    barrier.mkdir()
    adopters = {
        role: spawn(
            cluster,
            f"{role}-adopt",
            conf,
            ACTOR,
            "adopt",
            "--state",
            state,
            "--role",
            role,
            "--barrier",
            barrier,
            "--out",
            work / f"adopt-{role}.json",
            env=env,
        )  # fmt: skip
        for role, conf in (("a", conf_a), ("b", conf_b))
    }
    for process in adopters.values():
        finish(cluster, process, timeout=300)
    timings["adopt"] = round(time.monotonic() - step, 1)
    timings["total"] = round(time.monotonic() - begin, 1)

    def load(name):
        return json.loads((work / name).read_text())

    return {
        "state": load("state.json"),
        "read_b": load("read-b.json"),
        "adopt": {role: load(f"adopt-{role}.json") for role in adopters},
        "timings": timings,
    }


def check(result: dict) -> None:
    """What both backends must show."""
    state, seen, adopt = result["state"], result["read_b"], result["adopt"]
    # B read what A wrote, the blob included, and its transition is seen by A.
    assert seen["dossier_title"] == "Dossier scale-out"
    assert seen["act_title"] == "Acte scale-out"
    assert seen["act_state_before"] == "draft"
    assert seen["act_state_after"] == "proposed"
    assert (seen["file_size"], seen["file_sha256"]) == (state["file_size"], state["file_sha256"])
    assert adopt["a"]["act_state_seen"] == "proposed"

    # Both adopted at once: numbers unique and gapless, the counter agrees,
    # and each process sees the same committed numbers.
    before = state["counter_before"]
    numbers = [*adopt["a"]["numbers"].values(), *adopt["b"]["numbers"].values()]
    expected = [f"2019/conseil/{before + n}" for n in range(1, ACTS + 1)]
    assert sorted(numbers, key=lambda n: int(n.rsplit("/", 1)[1])) == expected
    assert len(adopt["a"]["numbers"]) == len(adopt["b"]["numbers"]) == ACTS // 2
    for role in ("a", "b"):
        assert adopt[role]["counter_after"] == before + ACTS
        assert adopt[role]["committed_numbers"] == {
            **adopt["a"]["numbers"],
            **adopt["b"]["numbers"],
        }
    # They did run at the same moment: the counter made them conflict.
    assert adopt["a"]["conflicts"] + adopt["b"]["conflicts"] > 0, adopt


def report(label: str, result: dict) -> str:
    adopt = result["adopt"]
    return (
        f"{label}: {result['timings']}; conflicts retried A {adopt['a']['conflicts']}, "
        f"B {adopt['b']['conflicts']} (max attempts {adopt['a']['max_attempts']}/"
        f"{adopt['b']['max_attempts']}); adoption {adopt['a']['seconds']} s / "
        f"{adopt['b']['seconds']} s for {len(adopt['a']['numbers'])} acts each"
    )
