#!/usr/bin/env bash
# Run imio.municipal on this machine: a ZEO server over a FileStorage, the
# Plone site created on first start (with the demo municipalities), then Zope
# in the foreground. Ctrl-C (or `make stop` from another shell) stops every
# process started here. Data lives in var/ and survives restarts.
#
#   scripts/run.sh          configure, start, create the site if needed, serve
#   scripts/run.sh config   only render the configuration into var/etc
#
# Ports (etc/ports.env, each overridable from the environment): HTTP_PORT
# (8080), ZEO_ADDRESS (localhost:8100), LIBREOFFICE_PORT (2002), REGION_PORT
# (8200), TSA_PORT (8210); a port already taken by another program stops the
# start at once, naming the setting to change.
# Settings (environment): HTTP_HOST (localhost), SITE_ID (Plone), DEMO (true), ADMIN_USER and
# ADMIN_PASSWORD (admin/admin, used only when the database is created),
# DEBUG_MODE (off), SEND_MAIL (false: mails stay in var/mail/new),
# RELSTORAGE_DSN (for var/etc/zope-relstorage.conf only), LIBREOFFICE_PORT
# (2002: the headless LibreOffice that renders PDF and DOCX documents),
# REGION_SIMULATOR (true with the demo: the regional endpoint simulator on
# REGION_PORT 8200, which the demo municipalities send to), REGION_TOKEN
# (demo-token), REGION_OUTCOME (approve|annul|extend|none) and
# REGION_OUTCOME_AFTER (seconds, 30).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=${VAR:-$ROOT/var}
BIN=$ROOT/.venv/bin
# shellcheck source=scripts/processes.sh
source "$ROOT/scripts/processes.sh"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"
# shellcheck source=etc/ports.env
source "$ROOT/etc/ports.env"

HTTP_HOST=${HTTP_HOST:-localhost}
SITE_ID=${SITE_ID:-Plone}
DEMO=${DEMO:-true}
ADMIN_USER=${ADMIN_USER:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
DEBUG_MODE=${DEBUG_MODE:-off}
SEND_MAIL=${SEND_MAIL:-false}
RELSTORAGE_DSN=${RELSTORAGE_DSN:-dbname=imio_municipal user=plone host=localhost}
REGION_SIMULATOR=${REGION_SIMULATOR:-$DEMO}
REGION_TOKEN=${REGION_TOKEN:-demo-token}
REGION_OUTCOME=${REGION_OUTCOME:-approve}
REGION_OUTCOME_AFTER=${REGION_OUTCOME_AFTER:-30}
TSA=${TSA:-$DEMO}
OIDC=${OIDC:-$DEMO}
# BCED (true with the demo: the authentic-sources simulator on BCED_PORT 8230)
BCED=${BCED:-$DEMO}
BCED_TOKEN=${BCED_TOKEN:-demo-token}
SITE_STAMP=$VAR/site-$SITE_ID.stamp
# the access journal: a SQLite file of this instance (a postgresql:// URI to
# share one with other hosts); $INSTANCE is expanded by zope.conf
ACCESS_JOURNAL=${ACCESS_JOURNAL:-\$INSTANCE/access-journal.sqlite}
export zope_i18n_compile_mo_files=true

render_config() {
    mkdir -p "$VAR"/{etc,run,log,filestorage,blobstorage,cache/chameleon}
    chmod 700 "$VAR/blobstorage"
    local template mail_env="MAILHOST_QUEUE_ONLY 1"
    if [[ $SEND_MAIL == true ]]; then mail_env="# SEND_MAIL=true: the queue is delivered"; fi
    for template in "$ROOT"/etc/*.in; do
        sed -e "s|@VAR@|$VAR|g" \
            -e "s|@HTTP_HOST@|$HTTP_HOST|g" \
            -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
            -e "s|@ZEO_ADDRESS@|$ZEO_ADDRESS|g" \
            -e "s|@DEBUG_MODE@|$DEBUG_MODE|g" \
            -e "s|@RELSTORAGE_DSN@|$RELSTORAGE_DSN|g" \
            -e "s|@MAIL_ENV@|$mail_env|g" \
            -e "s|@LIBREOFFICE_PORT@|$LIBREOFFICE_PORT|g" \
            -e "s|@ACCESS_JOURNAL@|$ACCESS_JOURNAL|g" \
            "$template" >"$VAR/etc/$(basename "$template" .in)"
    done
    # The UNO-enabled Python given to collective.documentgenerator (PYTHON_UNO
    # in zope-base.conf): Debian's python3 with our packages on its path.
    "$BIN/python" -m imio.municipal.documents.libreoffice wrapper "$VAR/bin/python-uno" >/dev/null
}

# The Zope admin is read from var/inituser when Zope opens a new database
# (Zope deletes the file once used). Users cannot be added at the Zope root
# once Plone is loaded (imio.helpers patches role assignment).
write_inituser() {
    "$BIN/python" - "$VAR/inituser" "$ADMIN_USER" "$ADMIN_PASSWORD" <<'EOF'
import sys
from Zope2.utilities.mkwsgiinstance import write_inituser
write_inituser(*sys.argv[1:])
EOF
}

# Processes, started in this order and stopped in the reverse order (ZEO,
# LibreOffice, region simulator, Zope, exchange worker). Each has a start_*
# function called from main().
STARTED=()

# start NAME LOG COMMAND...: start COMMAND in its own session (so Ctrl-C
# reaches this script only, which then stops everything in order). LOG "-"
# keeps the output on the console.
start() {
    local name=$1 log=$2
    shift 2
    if [[ $log == - ]]; then
        setsid "$@" &
    else
        setsid "$@" >>"$log" 2>&1 </dev/null &
    fi
    echo $! >"$RUN_DIR/$name.pid"
    STARTED+=("$name")
}

# Every port this run would listen on must be free (nothing of ours runs: the
# check above), else nothing starts.
check_ports() {
    local ports=("HTTP_PORT $HTTP_PORT" "ZEO_ADDRESS ${ZEO_ADDRESS##*:}")
    if libreoffice_installed; then
        ports+=("LIBREOFFICE_PORT $LIBREOFFICE_PORT")
    fi
    [[ $REGION_SIMULATOR != true ]] || ports+=("REGION_PORT $REGION_PORT")
    [[ $TSA != true ]] || ports+=("TSA_PORT $TSA_PORT")
    [[ $OIDC != true ]] || ports+=("OIDC_PORT $OIDC_PORT")
    [[ $BCED != true ]] || ports+=("BCED_PORT $BCED_PORT")
    ports_free "${ports[@]}"
}

start_zeo() {
    start zeo "$LOG_DIR/zeo.log" "$BIN/runzeo" -C "$VAR/etc/zeo.conf"
    wait_port "${ZEO_ADDRESS%:*}" "${ZEO_ADDRESS##*:}" 60 zeo
}

# start_libreoffice, start_simulator and start_tsa: scripts/services.sh

# A local test CA and one signing certificate per demo municipality (made once
# in var/signing): the public PDFs and the deliberations sent to the tutelle
# are signed with them (PAdES). In production, point IMIO_MUNICIPAL_SIGNING_DIR
# (or IMIO_MUNICIPAL_SIGNING_P12_<ID>, zope.conf) to each municipality's
# qualified certificate and IMIO_MUNICIPAL_SIGNING_ROOTS to its roots instead.
start_signing() {
    [[ $TSA == true ]] || return 0
    "$BIN/python" -m imio.municipal.publication.core.signing_ca --dir "$VAR/signing" \
        namur="Commune de Namur" gembloux="Commune de Gembloux" >/dev/null
    export IMIO_MUNICIPAL_SIGNING_DIR=$VAR/signing
}

# The exchange worker sends the outbox after commit and applies what the
# region answers (a ZEO client of the same database).
start_worker() {
    start worker "$LOG_DIR/exchange-worker.log" "$BIN/municipal-exchange-worker" \
        --zope-conf "$VAR/etc/zope.conf" --site "$SITE_ID"
}

start_zope() {
    start zope - "$BIN/runwsgi" "$VAR/etc/zope.ini"
    wait_port "$HTTP_HOST" "$HTTP_PORT" 120 zope
}

stop_all() {
    local i
    trap - INT TERM EXIT
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        stop_process "${STARTED[i]}"
    done
    rm -f "$RUN_DIR/run.pid"
}

# The site is created (or upgraded) when it has never been, or when a profile's
# metadata.xml changed since: other starts skip the zconsole run.
setup_site() {
    if [[ -e $SITE_STAMP ]] &&
        [[ -z $(find "$ROOT/src" -path '*/profiles/*/metadata.xml' -newer "$SITE_STAMP") ]]; then
        return
    fi
    echo "Setting up the Plone site /$SITE_ID..."
    local args=(--site-id "$SITE_ID" --admin "$ADMIN_USER" --mail-queue "$VAR/mail")
    [[ $DEMO == true ]] || args+=(--no-demo)
    "$BIN/zconsole" run "$VAR/etc/zope.conf" "$ROOT/scripts/create_site.py" "${args[@]}"
    touch "$SITE_STAMP"
}

banner() {
    local url="http://$HTTP_HOST:$HTTP_PORT/$SITE_ID" city role
    cat <<EOF

  imio.municipal on $url
  (Zope root: http://$HTTP_HOST:$HTTP_PORT/manage)

  Zope admin: $ADMIN_USER / $ADMIN_PASSWORD
EOF
    if [[ $DEMO == true ]]; then
        echo "  Demo logins (password: demo):"
        for city in namur gembloux; do
            for role in agent-urbanisme chef-urbanisme agent-travaux chef-travaux \
                agent-finances chef-finances secretaire college directeur-financier dpo; do
                echo "    $city-$role"
            done
        done
        echo "    platform-admin"
    fi
    cat <<EOF

  Stop with Ctrl-C here, or \`make stop\` from another shell.
  Logs: $LOG_DIR

EOF
}

main() {
    if pid=$(pid_of run); then
        echo "Already running (pid $pid): \`make stop\` first." >&2
        exit 1
    fi
    check_ports || exit 1
    render_config
    echo $$ >"$RUN_DIR/run.pid"
    trap 'stop_all; exit 130' INT
    trap 'stop_all; exit 0' TERM
    trap stop_all EXIT

    if [[ ! -e $VAR/filestorage/Data.fs ]]; then # a new database
        write_inituser
        rm -f "$SITE_STAMP"
    fi
    start_zeo
    start_libreoffice
    start_simulator
    start_tsa
    start_oidc
    start_bced
    start_signing
    setup_site
    banner
    start_zope
    start_worker
    echo "Ready: http://$HTTP_HOST:$HTTP_PORT/$SITE_ID"

    # Serve until a process ends or we are told to stop. LibreOffice is not
    # vital: when it ends it is started again (a few times), and meanwhile the
    # site says that PDF output is unavailable.
    local status ended restarts=0 name pids
    while true; do
        pids=()
        for name in "${STARTED[@]}"; do
            [[ -r $RUN_DIR/$name.pid ]] && pids+=("$(<"$RUN_DIR/$name.pid")")
        done
        status=0
        ended=
        wait -n -p ended "${pids[@]}" || status=$?
        if [[ -n $ended && $ended == "$(cat "$RUN_DIR/libreoffice.pid" 2>/dev/null)" ]] &&
            ((restarts < 5)); then
            restarts=$((restarts + 1))
            echo "LibreOffice ended (status $status): starting it again ($restarts/5)." >&2
            rm -f "$RUN_DIR/libreoffice.pid"
            sleep 1
            start_libreoffice || echo "LibreOffice did not start: PDF output unavailable." >&2
            continue
        fi
        # The worker is not vital either: the outbox waits for it.
        if [[ -n $ended && $ended == "$(cat "$RUN_DIR/worker.pid" 2>/dev/null)" ]] &&
            ((restarts < 5)); then
            restarts=$((restarts + 1))
            echo "The exchange worker ended (status $status): starting it again ($restarts/5)." >&2
            rm -f "$RUN_DIR/worker.pid"
            sleep 1
            start_worker
            continue
        fi
        break
    done
    echo "A process ended (status $status): stopping the others." >&2
    exit 1
}

case ${1:-serve} in
    serve) main ;;
    config) render_config && echo "Configuration written to $VAR/etc" ;;
    *)
        echo "usage: $0 [serve|config]" >&2
        exit 2
        ;;
esac
