"""ZEO, the simpler step: two Zope client processes on one ZEO server.

Process A writes (a case file, its file, an act), process B reads and
transitions, then both adopt acts at once: numbers stay gapless and unique.
The ZEO server and the processes are the reliability test's (a private
FileStorage on a free loopback port); see scaleout_scenario.py for the steps.
"""

from scaleout_scenario import check
from scaleout_scenario import report
from scaleout_scenario import two_processes
from zeo_cluster import Cluster


def test_two_zeo_clients_share_writes_blobs_and_numbers(tmp_path, documents, default_ports):
    cluster = Cluster(tmp_path)
    try:
        cluster.start_zeo()
        # B gets its own blob cache: the file must come from the ZEO server
        conf_b = tmp_path / "zope-b.conf"
        conf_b.write_text(
            cluster.zope_conf.read_text().replace("/cache/blobs\n", "/cache/blobs-b\n")
        )
        assert "blobs-b" in conf_b.read_text()
        result = two_processes(
            cluster, cluster.zope_conf, cluster.zope_conf, conf_b, tmp_path, documents
        )
        print("\n" + report("ZEO", result))
        check(result)
        # B read the file into its own blob cache, from the ZEO server
        assert "/cache/blobs-b/" in result["read_b"]["blob_file"]
        # documents went to the tests' LibreOffice, nothing to a demo's ports
        assert result["state"]["oo_port_list"] == str(documents["port"])
        assert default_ports.connections == []
    finally:
        cluster.stop_all()
