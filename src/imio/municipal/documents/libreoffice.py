"""The LibreOffice server that appy (collective.documentgenerator) talks to.

Plone-free: used by the test layers, the benchmark and `scripts/run.sh`.

appy converts documents by running a UNO-enabled Python (`uno_path` in the
documentgenerator registry) on its `convert.py`, which connects to a headless
LibreOffice listening on a port. Debian's `/usr/bin/python3` has `uno` (package
`python3-uno`) but not appy: the wrapper written by `write_uno_wrapper` runs it
with the virtualenv's site-packages on its path. `uno` is never importable
inside the virtualenv itself (Debian's uno.py replaces `__import__`, which
breaks GenericSetup and Zope's start-up).

    python -m imio.municipal.documents.libreoffice wrapper var/bin/python-uno
    python -m imio.municipal.documents.libreoffice check [PORT]
"""

from dataclasses import dataclass
from pathlib import Path

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time


DEFAULT_HOST = "localhost"
DEFAULT_PORT = 2002
SYSTEM_PYTHON = "/usr/bin/python3"
# The binary itself, not the `soffice` shell script: one process to stop.
SOFFICE_BIN = "/usr/lib/libreoffice/program/soffice.bin"


def soffice_binary() -> str | None:
    """Path of LibreOffice's soffice.bin (None when LibreOffice is missing)."""
    if os.path.exists(SOFFICE_BIN):
        return SOFFICE_BIN
    found = shutil.which("soffice")
    if found:
        candidate = Path(os.path.realpath(found)).with_name("soffice.bin")
        if candidate.exists():
            return str(candidate)
    return None


def system_python_has_uno(python: str = SYSTEM_PYTHON) -> bool:
    if not os.path.exists(python):
        return False
    # (fixed commands: our binaries, no user input)
    result = subprocess.run(  # noqa: S603
        [python, "-c", "import uno, unohelper"], capture_output=True, check=False
    )
    return result.returncode == 0


def installed() -> bool:
    """LibreOffice and a UNO-enabled Python are on this machine."""
    return soffice_binary() is not None and system_python_has_uno()


def write_uno_wrapper(path, site_packages: str | None = None, python: str = SYSTEM_PYTHON):
    """Write the UNO Python wrapper given to documentgenerator as `uno_path`.

    >>> write_uno_wrapper("var/bin/python-uno")  # doctest: +SKIP
    """
    site_packages = site_packages or sysconfig.get_paths()["purelib"]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        "# UNO-enabled Python for appy: Debian's python3 (python3-uno) with the\n"
        "# virtualenv's packages (appy) on its path. Written by imio.municipal.\n"
        f'PYTHONPATH="{site_packages}" exec {python} "$@"\n'
    )
    path.chmod(0o755)
    return str(path)


def listening(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = 0.5) -> bool:
    """Something accepts connections on host:port."""
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def server_command(binary: str, port: int, profile: Path, host: str = DEFAULT_HOST) -> list[str]:
    return [
        binary,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={Path(profile).absolute().as_uri()}",
        f"--accept=socket,host={host},port={port};urp;StarOffice.ComponentContext",
    ]


def init_profile(binary: str, profile: Path) -> None:
    """Create the user profile first: on a new profile soffice.bin exits to be
    restarted (the `soffice` script's job), which a server must not do."""
    if (Path(profile) / "user").exists():
        return
    subprocess.run(  # noqa: S603
        [
            binary,
            "--headless",
            "--terminate_after_init",
            f"-env:UserInstallation={Path(profile).absolute().as_uri()}",
        ],
        capture_output=True,
        check=False,
        timeout=60,
    )


@dataclass
class Server:
    """A headless LibreOffice listening on `port`, with its own user profile.

    >>> server = Server(port=free_port(), profile=Path("/tmp/lo")).start()  # doctest: +SKIP
    >>> server.stop()  # doctest: +SKIP
    """

    port: int
    profile: Path
    host: str = DEFAULT_HOST
    log: Path | None = None
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "Server":
        binary = soffice_binary()
        if binary is None:
            raise RuntimeError("LibreOffice is not installed (soffice.bin not found)")
        if listening(self.host, self.port):
            raise RuntimeError(f"port {self.port} is already in use")
        init_profile(binary, self.profile)
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(  # noqa: S603
            server_command(binary, self.port, self.profile, self.host),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if listening(self.host, self.port, timeout=0.2):
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"LibreOffice exited with status {self.process.returncode}")
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"LibreOffice does not listen on port {self.port} after {timeout}s")

    def stop(self, timeout: float = 10) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["wrapper"] and len(args) == 2:
        print(write_uno_wrapper(args[1]))
        return 0
    if args[:1] == ["check"]:
        port = int(args[1]) if len(args) > 1 else DEFAULT_PORT
        ok = installed() and listening(DEFAULT_HOST, port)
        print("LibreOffice " + ("listens" if ok else "is not available") + f" on port {port}")
        return 0 if ok else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
