"""RFC 3161 timestamps against the local authority, and every failure mode."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from imio.municipal.publication.core.timestamp import request_timestamp
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.core.timestamp import TimestampError
from imio.municipal.publication.core.timestamp import verify
from imio.municipal.publication.core.tsa import LocalAuthority
from rfc3161_client import decode_timestamp_response

import pytest
import requests
import time


PDF = b"%PDF-1.7\n% public version of deliberation 2026/42\n%%EOF\n"


@pytest.fixture(scope="module")
def stamp(tsa):
    return request_timestamp(PDF, tsa.url, tsa.root_pem)


def test_round_trip(stamp, tsa):
    assert stamp.sha256 == sha256_hex(PDF)
    assert stamp.url == tsa.url
    assert stamp.authority == "imio.municipal test timestamp authority"
    assert stamp.time.tzinfo is not None
    assert abs(datetime.now(timezone.utc) - stamp.time) < timedelta(minutes=1)
    assert stamp.serial > 0
    # the full TimeStampResp is kept, not only the token
    response = decode_timestamp_response(stamp.response)
    assert response.status == 0
    assert response.tst_info.message_imprint.message.hex() == stamp.sha256


def test_serials_differ(tsa):
    first = request_timestamp(b"a", tsa.url, tsa.root_pem)
    second = request_timestamp(b"b", tsa.url, tsa.root_pem)
    assert first.serial != second.serial


def test_verify_success(stamp, tsa):
    result = verify(PDF, stamp.response, tsa.root_pem)
    assert result.valid
    assert result.code == "ok"
    assert result.reason == "the file matches the timestamp"
    assert result.time == stamp.time


def test_verify_tampered_file(stamp, tsa):
    result = verify(PDF.replace(b"42", b"43"), stamp.response, tsa.root_pem)
    assert not result.valid
    assert result.code == "modified"
    assert result.reason == "the file was modified after it was timestamped"
    assert result.time == stamp.time


def test_verify_wrong_root(stamp, other_root):
    result = verify(PDF, stamp.response, other_root)
    assert not result.valid
    assert result.code == "untrusted"
    assert result.time is None


def test_verify_garbage_response(tsa):
    result = verify(PDF, b"not a timestamp", tsa.root_pem)
    assert (result.valid, result.code) == (False, "garbage")


def test_verify_tampered_response(stamp, tsa):
    tampered = bytearray(stamp.response)
    tampered[-10] ^= 0xFF  # inside the signature
    result = verify(PDF, bytes(tampered), tsa.root_pem)
    assert not result.valid
    assert result.code in ("untrusted", "garbage")


def test_untrusted_authority(tsa, other_root):
    with pytest.raises(TimestampError) as caught:
        request_timestamp(PDF, tsa.url, other_root)
    assert caught.value.code == "untrusted"


def test_closed_port(closed_url, tsa):
    with pytest.raises(TimestampError) as caught:
        request_timestamp(PDF, closed_url, tsa.root_pem)
    assert caught.value.code == "unreachable"
    assert caught.value.reason == "the authority cannot be reached"


def test_http_500(fixed_server, tsa):
    url = fixed_server(500, b"Internal Server Error")
    with pytest.raises(TimestampError) as caught:
        request_timestamp(PDF, url, tsa.root_pem)
    assert caught.value.code == "http-error"
    assert "500" in caught.value.reason


def test_garbage_body(fixed_server, tsa):
    url = fixed_server(200, b"<html>Welcome to nginx!</html>")
    with pytest.raises(TimestampError) as caught:
        request_timestamp(PDF, url, tsa.root_pem)
    assert caught.value.code == "garbage"


def test_rejected_request(fixed_server, tsa, rejection):
    url = fixed_server(200, rejection)
    with pytest.raises(TimestampError) as caught:
        request_timestamp(PDF, url, tsa.root_pem)
    assert caught.value.code == "refused"
    assert "unsupported" in caught.value.reason


def test_never_answers(silent_url, tsa):
    started = time.monotonic()
    with pytest.raises(TimestampError) as caught:
        request_timestamp(PDF, silent_url, tsa.root_pem, timeout=0.3)
    assert caught.value.code == "timeout"
    assert time.monotonic() - started < 3


def test_another_authoritys_answer(tsa, tmp_path):
    """A valid token from an authority that is not the configured one."""
    with LocalAuthority(tmp_path) as stranger:
        with pytest.raises(TimestampError) as caught:
            request_timestamp(PDF, stranger.url, tsa.root_pem)
    assert caught.value.code == "untrusted"


def test_local_authority_refuses_bad_queries(tsa):
    wrong_type = requests.post(tsa.url, data=b"x", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 400
    garbage = requests.post(
        tsa.url, data=b"garbage", headers={"Content-Type": "application/timestamp-query"}
    )
    # openssl answers a malformed query with a rejection (status 2)
    assert garbage.status_code == 200
    assert decode_timestamp_response(garbage.content).status == 2


def test_local_authority_reuses_its_certificates(tsa):
    again = LocalAuthority(tsa.directory)
    assert again.root_pem == tsa.root_pem


def test_command_line_authority(tmp_path):
    """``python -m imio.municipal.publication.core.tsa`` serves until SIGTERM."""
    import re
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "imio.municipal.publication.core.tsa", "--dir", str(tmp_path)]
        + ["--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stderr.readline()
        url = re.search(r"on (http://\S+)", line).group(1)
        stamp = request_timestamp(PDF, url, (tmp_path / "ca.pem").read_bytes())
        assert stamp.sha256 == sha256_hex(PDF)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        process.stderr.close()
