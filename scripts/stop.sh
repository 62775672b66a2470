#!/usr/bin/env bash
# Stop what scripts/run.sh started (also when run.sh itself is gone): the
# running script stops its processes in order; leftovers are stopped from
# their pid files, the ZEO server last.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/processes.sh
source "$ROOT/scripts/processes.sh"

stop_process run 90
shopt -s nullglob
for file in "$RUN_DIR"/*.pid; do
    name=$(basename "$file" .pid)
    [[ $name == zeo ]] || stop_process "$name"
done
stop_process zeo
echo "Stopped."
