#!/usr/bin/env bash
# Start the buildout instance (bin/instance fg) in the background, wait until
# Zope answers on its port, stop it; then check that its Zope reads the
# settings of the services beside it (LibreOffice, timestamp authority,
# regional tokens) and that the UNO-enabled Python it writes reaches appy.
# Used by `make buildout-check` and CI.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/processes.sh
source "$ROOT/scripts/processes.sh"
PORT=${1:-8081}
TIMEOUT=${TIMEOUT:-120}
LOG=$VAR/buildout/instance-check.log
mkdir -p "$VAR/buildout"

if port_in_use localhost "$PORT"; then
    echo "Port $PORT is already in use." >&2
    exit 1
fi
# its own session: the whole process group is stopped at the end
setsid "$ROOT/bin/instance" fg >"$LOG" 2>&1 </dev/null &
pid=$!
stop() {
    local i
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # bin/instance fg serves from a child process: wait until the port is free
    for ((i = 0; i < 100; i++)); do
        port_in_use localhost "$PORT" || return 0
        sleep 0.1
    done
    echo "bin/instance still listens on $PORT" >&2
    return 1
}
trap stop EXIT

# What the instance's Zope reads (bin/instance run, once the instance is
# stopped: the FileStorage is locked while it runs) against buildout.cfg.
check_settings() {
    local script=$VAR/buildout/check-settings.py expected seen
    cat >"$script" <<'EOF'
import os
from App.config import getConfiguration
config = getConfiguration().product_config.get("imio.municipal", {})
print("OO", os.environ.get("OO_SERVER"), os.environ.get("OO_PORT"))
print("UNO", os.environ.get("PYTHON_UNO"))
print("KEYS", " ".join(sorted(config)))
EOF
    expected="OO localhost 2002
UNO $VAR/buildout/bin/python-uno
KEYS token-etutelle token-guichet token-permits tsa-root tsa-url"
    seen=$("$ROOT/bin/instance" run "$script" 2>>"$LOG" | grep -E '^(OO|UNO|KEYS) ' || true)
    if [[ $seen != "$expected" ]]; then
        echo "bin/instance does not read the settings of buildout.cfg:" >&2
        diff <(echo "$expected") <(echo "$seen") >&2
        return 1
    fi
    if /usr/bin/python3 -c 'import uno' 2>/dev/null &&
        ! "$VAR/buildout/bin/python-uno" -c 'import uno, appy.pod.converter' 2>>"$LOG"; then
        echo "$VAR/buildout/bin/python-uno does not reach appy and uno" >&2
        return 1
    fi
    echo "bin/instance reads the LibreOffice, timestamp and regional settings"
}

for ((i = 0; i < TIMEOUT; i++)); do
    code=$(curl -sS -o /dev/null -w '%{http_code}' "http://localhost:$PORT/" 2>/dev/null || true)
    if [[ $code == 200 || $code == 401 ]]; then
        echo "bin/instance answers HTTP $code on port $PORT after ${i}s"
        trap - EXIT
        stop
        check_settings
        exit $?
    fi
    if ! alive "$pid"; then
        echo "bin/instance exited; its output:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 1
done
echo "bin/instance does not answer on port $PORT after ${TIMEOUT}s; its output:" >&2
cat "$LOG" >&2
exit 1
