"""`make run-cluster` does what the single instance does.

``scripts/cluster.sh start`` (what `make run-cluster` runs), on free ports
and in a temporary folder: PostgreSQL, the LibreOffice pool, the regional
simulator, the local timestamp authority, the demo site, two Zope processes,
the exchange worker, HAProxy and the supervisor. Then, only through the
balancer and as the demo's secretary: a deliberation PDF is generated and
stored, the act is transmitted, the simulator approves it (the worker applies
the answer), the act is published with its RFC 3161 timestamp, which verifies
against the local authority's root. Both Zope processes served requests
(HAProxy's X-Served-By header), a LibreOffice killed is started again by the
supervisor, and `stop` leaves nothing running. Skipped without PostgreSQL,
HAProxy or LibreOffice (failed on CI).
"""

from collections import Counter
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.documents import libreoffice
from imio.municipal.publication.core.signing import check_pdf
from imio.municipal.publication.core.timestamp import verify
from pathlib import Path
from zeo_cluster import free_port
from zeo_cluster import REPO

import os
import psycopg2
import pytest
import requests
import shutil
import subprocess
import tempfile
import time


CLUSTER_SH = REPO / "scripts" / "cluster.sh"
SECRETARY = "namur-secretaire"
ACT = {
    "@type": "Act",
    "title": "Règlement-taxe sur les secondes résidences",
    "kind": "deliberation",
    "body": "conseil",
    "matter": "tax_regulation",
    "responsible_service": "finances",
    "session_date": (belgian_today() - timedelta(days=3)).isoformat(),
    "motivation": {"data": "<p>Vu le CDLD, art. L1122-30 ;</p>", "content-type": "text/html"},
    "decision": {"data": "<p>Article 1er : la taxe est établie.</p>", "content-type": "text/html"},
    "members_present": 37,
    "votes_for": 30,
    "votes_against": 5,
    "votes_abstention": 2,
}


def cluster_sh(command: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CLUSTER_SH, command],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def status(env: dict) -> dict[str, tuple[str, str, str]]:
    """`cluster.sh status`: process -> (state, pid, port)."""
    rows = {}
    for line in cluster_sh("status", env).stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) == 4 and not line.startswith(" "):
            rows[parts[0]] = tuple(parts[1:])
    return rows


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


@pytest.fixture
def cluster(postgres_bin: Path):
    if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
        pytest.skip("HAProxy is not installed (apt-get install haproxy)")
    if not libreoffice.installed():
        pytest.skip("LibreOffice is not installed (make libreoffice)")
    # Not pytest's tmp_path: as root the postgres user must reach the folder.
    var = Path(tempfile.mkdtemp(prefix="imio-municipal-cluster-"))
    var.chmod(0o755)
    ports = {
        "CLUSTER_PORT": free_port(),
        "ZOPE_PORTS": f"{free_port()} {free_port()}",
        "PG_PORT": free_port(),
        "CLUSTER_LIBREOFFICE_PORTS": f"{free_port()} {free_port()}",
        "CLUSTER_REGION_PORT": free_port(),
        "CLUSTER_TSA_PORT": free_port(),
        "CLUSTER_OIDC_PORT": free_port(),
        "CLUSTER_BCED_PORT": free_port(),
    }
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("IMIO_MUNICIPAL_", "OO_", "PYTHON_UNO", "REGION_", "TSA"))
    }
    env.update({key: str(value) for key, value in ports.items()})
    # the region decides 2 s after receiving (the worker polls every 2 s)
    env.update(CLUSTER_VAR=str(var), CLUSTER_HOST="127.0.0.1", REGION_OUTCOME_AFTER="2")
    try:
        started = cluster_sh("start", env, timeout=900)
        if started.returncode:
            logs = "\n".join(
                f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}"
                for log in sorted((var / "log").glob("*.log"))
            )
            pytest.fail(f"cluster.sh start failed:\n{started.stdout}\n{started.stderr}\n{logs}")
        yield {
            "env": env,
            "var": var,
            "url": f"http://127.0.0.1:{ports['CLUSTER_PORT']}/Plone",
            "ports": ports,
        }
    finally:
        cluster_sh("stop", env, timeout=300)
        shutil.rmtree(var, ignore_errors=True)


class Balancer:
    """REST sessions of the demo users through HAProxy; who served each answer."""

    def __init__(self, url: str):
        self.url = url
        self.sessions = {}
        self.served_by = Counter()

    def __call__(self, user: str, method: str, path: str, **kwargs) -> requests.Response:
        if user not in self.sessions:
            self.sessions[user] = requests.Session()
            self.sessions[user].auth = (user, "demo")
            self.sessions[user].headers["Accept"] = "application/json"
        url = path if path.startswith("http") else f"{self.url}/++api++{path}"
        response = self.sessions[user].request(method, url, timeout=120, **kwargs)
        self.served_by[response.headers.get("X-Served-By")] += 1
        return response


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"after {timeout} s: {what}")


def test_the_cluster_generates_transmits_and_publishes(cluster, default_ports):
    env, ports = cluster["env"], cluster["ports"]
    lo_ports = ports["CLUSTER_LIBREOFFICE_PORTS"].split()
    zope_ports = ports["ZOPE_PORTS"].split()

    # every process up, with its pid and port
    rows = status(env)
    expected = {
        "haproxy": str(ports["CLUSTER_PORT"]),
        **{f"zope-{port}": port for port in zope_ports},
        "worker": "-",
        **{f"libreoffice-{port}": port for port in lo_ports},
        "simulator": str(ports["CLUSTER_REGION_PORT"]),
        "tsa": str(ports["CLUSTER_TSA_PORT"]),
        "oidc": str(ports["CLUSTER_OIDC_PORT"]),
        "bced": str(ports["CLUSTER_BCED_PORT"]),
        "supervisor": "-",
        "postgresql": str(ports["PG_PORT"]),
    }
    assert {name: (row[0], row[2]) for name, row in rows.items()} == {
        name: ("up", port) for name, port in expected.items()
    }, rows
    # the settings every Zope process reads: the pool, the authority, the tokens
    conf = (cluster["var"] / "etc" / f"zope-{zope_ports[0]}.conf").read_text()
    assert f"tsa-url http://127.0.0.1:{ports['CLUSTER_TSA_PORT']}/" in conf
    assert "token-etutelle demo-token" in conf
    base = (cluster["var"] / "etc" / "zope-base.conf").read_text()
    assert f"OO_PORT {' '.join(lo_ports)}\n" in base

    # a LibreOffice that dies is started again by the supervisor
    killed = int(rows[f"libreoffice-{lo_ports[0]}"][1])
    os.kill(killed, 9)
    restarted = wait_for(
        lambda: (
            (row := status(env)[f"libreoffice-{lo_ports[0]}"])[0] == "up"
            and int(row[1]) != killed
            and row
        ),
        60,
        "the killed LibreOffice is not running again",
    )
    assert alive(int(restarted[1]))
    # ... and nothing else needed starting again
    restarts = [
        line.split()[1]
        for line in (cluster["var"] / "log" / "supervisor.log").read_text().splitlines()
        if "starting it again" in line
    ]
    assert restarts == [f"libreoffice-{lo_ports[0]}"]

    # a council regulation (under the tutelle of approval), adopted
    api = Balancer(cluster["url"])
    created = api("namur-agent-finances", "POST", "/namur/actes", json=ACT)
    assert created.status_code == 201, created.text
    path = created.json()["@id"].split("/Plone", 1)[-1].removeprefix("/++api++")
    assert api("namur-chef-finances", "POST", f"{path}/@workflow/propose").status_code == 200
    for transition in ("validate", "adopt"):
        done = api(SECRETARY, "POST", f"{path}/@workflow/{transition}")
        assert done.status_code == 200, done.text
    assert api(SECRETARY, "GET", path).json()["tutelle_regime"] == "approval"

    # the deliberation PDF, rendered by the pool, then stored as the act's annex
    formats = next(
        item["formats"]
        for item in api(SECRETARY, "GET", f"{path}/@documents").json()["items"]
        if item["id"] == "deliberation"
    )
    pdf = api(SECRETARY, "GET", formats["pdf"], headers={"Accept": "*/*"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.text[:500]
    stored = api(SECRETARY, "POST", f"{path}/@store-deliberation")
    assert stored.status_code == 201, stored.text

    # transmitted by the worker to the simulator, approved, applied
    transmitted = api(SECRETARY, "POST", f"{path}/@workflow/transmit")
    assert transmitted.status_code == 200, transmitted.text
    number = api(SECRETARY, "GET", path).json()["number"]
    wait_for(
        lambda: api(SECRETARY, "GET", path).json()["review_state"] == "executory",
        180,
        "the region's approval did not make the act executory",
    )
    simulator_state = (cluster["var"] / "region-simulator" / "state.json").read_text()
    assert number in simulator_state

    # published with its timestamp from the local authority
    preview = api(SECRETARY, "GET", f"{path}/@publication").json()
    undecided = [item["key"] for item in preview["items"] if item["undecided"]]
    if undecided:
        decided = api(
            SECRETARY,
            "POST",
            f"{path}/@publication",
            json={"items": [{"key": key, "action": "mask"} for key in undecided]},
        )
        assert decided.status_code < 300, decided.text
    published = api(SECRETARY, "POST", f"{path}/@workflow/publish")
    assert published.status_code == 200, published.text
    [version] = api(SECRETARY, "GET", f"/@search?portal_type=PublicVersion&number={number}").json()[
        "items"
    ]
    public = version["@id"].replace("/++api++", "")
    public_pdf = requests.get(f"{public}/@@download/pdf", timeout=60)
    token = requests.get(f"{public}/@@download/timestamp", timeout=60)
    assert public_pdf.content.startswith(b"%PDF")
    root = (cluster["var"] / "tsa" / "ca.pem").read_bytes()
    checked = verify(public_pdf.content, token.content, root)
    assert checked.valid, checked.reason
    # signed (PAdES) with the municipality's certificate of the cluster's
    # test CA, the timestamp embedded in the signature
    signature = check_pdf(
        public_pdf.content, (cluster["var"] / "signing" / "ca.pem").read_bytes(), root
    )
    assert signature.code == "ok", signature
    assert signature.timestamped and signature.timestamp_trusted
    assert "Namur" in signature.signer
    assert api(SECRETARY, "GET", version["@id"]).json()["timestamp_authority"] == (
        signature.timestamp_authority
    )

    # citizens sign in through the cluster's own OpenID Connect provider
    signin = requests.get(f"{cluster['url']}/@@mes-demarches", timeout=60)
    assert signin.url.startswith(f"http://127.0.0.1:{ports['CLUSTER_OIDC_PORT']}/"), signin.url

    # both Zope processes served the secretary's requests
    assert set(api.served_by) == {f"zope-{port}" for port in zope_ports}, api.served_by
    # nothing went to the default ports of `make run`
    assert default_ports.connections == []

    # one access journal for the cluster: reads served by either process land
    # in the same PostgreSQL table, and the journal read through either shows all
    [dossier] = api(
        SECRETARY,
        "GET",
        "/namur/@search?portal_type=Dossier&applicant_niss=85073003328&b_size=1&fullobjects=0",
    ).json()["items"][:1]
    dossier_path = dossier["@id"].split("/Plone", 1)[-1].removeprefix("/++api++")
    before = Counter(api.served_by)
    reads = [api(SECRETARY, "GET", dossier_path) for _ in range(6)]
    assert [read.status_code for read in reads] == [200] * 6
    assert {name for name, count in (api.served_by - before).items() if count} == {
        f"zope-{port}" for port in zope_ports
    }
    uid = reads[0].json()["UID"]
    journalled = api(SECRETARY, "GET", f"/namur/@access-journal?uid={uid}&b_size=200").json()
    assert [(item["user_id"], item["source"]) for item in journalled["items"]] == [
        (SECRETARY, "rest")
    ] * 6
    journal = psycopg2.connect(
        f"postgresql://plone@127.0.0.1:{ports['PG_PORT']}/imio_municipal_journal"
    )
    with journal, journal.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM access WHERE uid = %s", (uid,))
        assert cursor.fetchone() == (6,)
    journal.close()
    assert not (cluster["var"] / "access-journal.sqlite").exists()

    # stop: every process of the cluster ended
    pids = [int(row[1]) for row in status(env).values() if row[1] != "-"]
    stopped = cluster_sh("stop", env, timeout=300)
    assert stopped.returncode == 0, stopped.stderr
    assert [pid for pid in pids if alive(pid)] == []
    assert {row[0] for row in status(env).values()} == {"down"}
