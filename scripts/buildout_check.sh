#!/usr/bin/env bash
# Start the buildout instance (bin/instance fg) in the background, wait until
# Zope answers on its port, stop it. Used by `make buildout-check` and CI.
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

for ((i = 0; i < TIMEOUT; i++)); do
    code=$(curl -sS -o /dev/null -w '%{http_code}' "http://localhost:$PORT/" 2>/dev/null || true)
    if [[ $code == 200 || $code == 401 ]]; then
        echo "bin/instance answers HTTP $code on port $PORT after ${i}s"
        exit 0
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
