#!/usr/bin/env bash
# Scale-out on one machine: imio.municipal on RelStorage + PostgreSQL with
# several Zope processes behind HAProxy, plus the exchange worker and the
# services the product needs beside Zope (scripts/services.sh): a headless
# LibreOffice (or a pool of them) shared by every Zope process, and in demo
# mode the regional endpoint simulator and a local timestamp authority.
#
#   scripts/cluster.sh start    render var/cluster/etc, start PostgreSQL (a
#                               private cluster, created on first start), create
#                               the services, the site once, the Zope
#                               processes, the worker, HAProxy and the
#                               supervisor; returns once all answer
#   scripts/cluster.sh stop     stop everything it started, PostgreSQL last
#   scripts/cluster.sh status   each process (up/down, pid, port), HAProxy's
#                               view of the backends
#   scripts/cluster.sh supervise  (started by `start`, detached) restart a
#                               service, worker or Zope process that ended
#   scripts/cluster.sh config   only render the configuration
#
# Everything lives in var/cluster (etc, log, run, cache, pg = the database
# cluster). It is independent from `make run` (var/etc, ZEO, port 8080): both
# can run at once.
#
# Ports: etc/ports.env (CLUSTER_PORT, ZOPE_PORTS, PG_PORT,
# CLUSTER_LIBREOFFICE_PORTS, CLUSTER_REGION_PORT, CLUSTER_TSA_PORT), each overridable
# from the environment; one taken by another program stops the start at once.
# Settings (environment): CLUSTER_HOST (localhost) and CLUSTER_PORT (8090): the
# balancer's address; ZOPE_PORTS ("8091 8092": one Zope process per port);
# ZOPE_THREADS (4 per process); PG_PORT (5433); PG_BIN (Debian's newest
# /usr/lib/postgresql/*/bin); SITE_ID (Plone); DEMO (true: the same demo data
# as `make run`); ADMIN_USER / ADMIN_PASSWORD (admin/admin, used only when the
# database is created); CLUSTER_LIBREOFFICE_PORTS ("2012": one
# LibreOffice server per port, appy spreads the conversions over them);
# REGION_SIMULATOR (true with the demo), REGION_TOKEN (demo-token),
# REGION_OUTCOME (approve) and REGION_OUTCOME_AFTER (30 s) as with `make run`;
# TSA (true with the demo: the local timestamp authority; false: the
# authority of IMIO_MUNICIPAL_TSA_URL / IMIO_MUNICIPAL_TSA_ROOT, if any).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# processes.sh derives its pid and log folders from VAR: the cluster's own
VAR=${CLUSTER_VAR:-$ROOT/var/cluster}
BIN=$ROOT/.venv/bin
# shellcheck source=scripts/processes.sh
source "$ROOT/scripts/processes.sh"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"
# shellcheck source=etc/ports.env
source "$ROOT/etc/ports.env"

HTTP_HOST=${CLUSTER_HOST:-localhost}
HTTP_PORT=$CLUSTER_PORT
ZOPE_PORTS_SETTING=$ZOPE_PORTS
read -r -a ZOPE_PORTS <<<"$ZOPE_PORTS"
THREADS=${ZOPE_THREADS:-4}
PG_USER=plone
PG_DB=imio_municipal
# the access journal: one for every process, in a database of its own (a
# restore of the site's database must not roll back who read what)
JOURNAL_DB=imio_municipal_journal
# PostgreSQL's own files (data, settings, log): see postgres_home below
PG_ROOT=${CLUSTER_PG_ROOT:-/var/lib/imio-municipal}
SITE_ID=${SITE_ID:-Plone}
DEMO=${DEMO:-true}
ADMIN_USER=${ADMIN_USER:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
DEBUG_MODE=off
read -r -a LIBREOFFICE_PORTS <<<"$CLUSTER_LIBREOFFICE_PORTS"
# rendered into OO_PORT: collective.documentgenerator gives appy the list
LIBREOFFICE_PORT=${LIBREOFFICE_PORTS[*]}
REGION_PORT=$CLUSTER_REGION_PORT
TSA_PORT=$CLUSTER_TSA_PORT
OIDC_PORT=$CLUSTER_OIDC_PORT
BCED_PORT=$CLUSTER_BCED_PORT
REGION_SIMULATOR=${REGION_SIMULATOR:-$DEMO}
REGION_TOKEN=${REGION_TOKEN:-demo-token}
REGION_OUTCOME=${REGION_OUTCOME:-approve}
REGION_OUTCOME_AFTER=${REGION_OUTCOME_AFTER:-30}
TSA=${TSA:-$DEMO}
# OIDC (true with the demo: a local OpenID Connect provider with the demo
# citizens; false: the provider of IMIO_MUNICIPAL_OIDC_ISSUER).
OIDC=${OIDC:-$DEMO}
# BCED (true with the demo: the authentic-sources simulator; false: the data
# bank of IMIO_MUNICIPAL_BCED_URL).
BCED=${BCED:-$DEMO}
BCED_TOKEN=${BCED_TOKEN:-demo-token}
# mail stays in var/cluster/mail/new (as with `make run` by default)
MAIL_ENV="MAILHOST_QUEUE_ONLY 1"
RELSTORAGE_DSN="dbname=$PG_DB user=$PG_USER host=127.0.0.1 port=$PG_PORT"
# rendered into zope-base.conf (IMIO_MUNICIPAL_ACCESS_JOURNAL) for every process
ACCESS_JOURNAL=${CLUSTER_ACCESS_JOURNAL:-postgresql://$PG_USER@127.0.0.1:$PG_PORT/$JOURNAL_DB}
SITE_STAMP=$VAR/site-$SITE_ID.stamp
HAPROXY_SOCKET=$RUN_DIR/haproxy.sock
export zope_i18n_compile_mo_files=true

# Debian installs PostgreSQL's server programs outside PATH.
pg_bin() {
    if [[ -n ${PG_BIN:-} ]]; then
        echo "$PG_BIN"
        return
    fi
    local dir
    dir=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    if [[ -z $dir ]]; then
        echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
        return 1
    fi
    echo "$dir"
}

# as_postgres COMMAND...: initdb and postgres refuse to run as root: as root,
# the server runs as the system's `postgres` user (which owns $PGDATA).
as_postgres() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Where PostgreSQL keeps its data, settings and log. As root the server runs
# as the system's postgres user, who cannot reach a checkout in a private
# directory (mode 0700, like /root): then they go to a directory of its own
# under $PG_ROOT, named after $VAR so that each checkout keeps its database.
postgres_home() {
    local reach=$VAR
    if [[ -n ${CLUSTER_PG_HOME:-} ]]; then
        echo "$CLUSTER_PG_HOME"
        return
    fi
    while [[ ! -e $reach ]]; do reach=$(dirname "$reach"); done
    if [[ $(id -u) != 0 ]] || ! id postgres >/dev/null 2>&1 ||
        runuser -u postgres -- test -x "$reach"; then
        echo "$VAR"
        return
    fi
    echo "$PG_ROOT/cluster-$(printf %s "$VAR" | sha256sum | cut -c1-12)"
}

# Create PostgreSQL's folders; owned by postgres when we are root.
prepare_postgres_home() {
    mkdir -p "$PG_ETC" "$(dirname "$PG_LOG")"
    if [[ $PG_HOME != "$VAR" ]]; then
        mkdir -p "$PG_HOME"
        chmod 755 "$PG_HOME" "$PG_ETC"
        [[ $(id -u) != 0 ]] || chown postgres:postgres "$PG_HOME"
        echo "PostgreSQL's data, settings and log are in $PG_HOME (the postgres user cannot reach $VAR)"
    fi
}

PG_HOME=$(postgres_home)
PGDATA=$PG_HOME/pg
if [[ $PG_HOME == "$VAR" ]]; then
    PG_ETC=$VAR/etc
    PG_LOG=$LOG_DIR/postgresql.log
else
    PG_ETC=$PG_HOME/etc
    PG_LOG=$PG_HOME/postgresql.log
fi

# render TEMPLATE OUTPUT: every @NAME@ of TEMPLATE replaced by the value of
# the shell variable NAME (values may span lines); an unknown name fails.
render() {
    local content name
    content=$(<"$1")
    for name in $(grep -o '@[A-Z_]*@' "$1" | sort -u | tr -d @); do
        if [[ -z ${!name+set} ]]; then
            echo "$1: no value for @$name@" >&2
            return 1
        fi
        content=${content//@$name@/${!name}}
    done
    printf '%s\n' "$content" >"$2"
}

# The configuration of every process: one zope.conf per process (its own blob
# cache), one zope.ini per web process, HAProxy with one server per port.
render_config() {
    mkdir -p "$VAR"/{etc,run,log,mail,bin,cache/chameleon}
    local NAME port SERVERS=""
    # the settings shared with `make run` (instance home = var/cluster)
    render "$ROOT/etc/zope-base.conf.in" "$VAR/etc/zope-base.conf"
    local PRODUCT_CONFIG
    PRODUCT_CONFIG=$(product_config)
    for NAME in "${ZOPE_PORTS[@]}" worker setup; do
        render "$ROOT/etc/cluster/zope.conf.in" "$VAR/etc/zope-$NAME.conf"
    done
    for port in "${ZOPE_PORTS[@]}"; do
        NAME=$port
        HTTP_PORT=$port render "$ROOT/etc/cluster/zope.ini.in" "$VAR/etc/zope-$NAME.ini"
        SERVERS+="    server zope-$port 127.0.0.1:$port"$'\n'
    done
    SERVERS=${SERVERS%$'\n'}
    render "$ROOT/etc/cluster/haproxy.cfg.in" "$VAR/etc/haproxy.cfg"
    prepare_postgres_home
    render "$ROOT/etc/cluster/postgresql.conf.in" "$PG_ETC/postgresql.conf"
    render "$ROOT/etc/cluster/pg_hba.conf.in" "$PG_ETC/pg_hba.conf"
    # the UNO-enabled Python documentgenerator is pointed at (zope-base.conf)
    "$BIN/python" -m imio.municipal.documents.libreoffice wrapper "$VAR/bin/python-uno" >/dev/null
}

# What every process of the cluster reads in zope.conf (<product-config
# imio.municipal>): the demo's timestamp authority and the tokens of the
# regional simulator. Without them, the processes read the environment.
product_config() {
    local lines=()
    if [[ $TSA == true ]]; then
        lines+=("tsa-url http://127.0.0.1:$TSA_PORT/" "tsa-root $VAR/tsa/ca.pem"
            "signing-dir $VAR/signing")
    fi
    if [[ $REGION_SIMULATOR == true ]]; then
        lines+=("token-etutelle $REGION_TOKEN" "token-guichet $REGION_TOKEN"
            "token-permits $REGION_TOKEN")
    fi
    if ((${#lines[@]} == 0)); then
        echo "# no demo services: the timestamp authority and the regional tokens"
        echo "# come from the environment (IMIO_MUNICIPAL_TSA_URL, ...)"
        return
    fi
    echo "<product-config imio.municipal>"
    printf '  %s\n' "${lines[@]}"
    echo "</product-config>"
}

# The demo's signing certificates (a local test CA, as `make run` makes):
# every Zope process signs the public PDFs with its municipality's.
make_signing_certificates() {
    [[ $TSA == true ]] || return 0
    "$BIN/python" -m imio.municipal.publication.core.signing_ca --dir "$VAR/signing" \
        namur="Commune de Namur" gembloux="Commune de Gembloux" >/dev/null
}

# start NAME LOG COMMAND...: COMMAND in its own session, output in LOG.
start() {
    local name=$1 log=$2
    shift 2
    setsid "$@" >>"$log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/$name.pid"
}

# A private PostgreSQL cluster in $PGDATA, created on first start: the role
# plone (superuser of this cluster only) and the database imio_municipal.
init_postgres() {
    local bin
    bin=$(pg_bin)
    prepare_postgres_home
    mkdir -p "$PGDATA"
    touch "$PG_LOG"
    if [[ $(id -u) == 0 ]]; then
        chown postgres:postgres "$PGDATA" "$PG_LOG"
    fi
    chmod 700 "$PGDATA"
    echo "Creating the PostgreSQL cluster in $PGDATA"
    as_postgres "$bin/initdb" -D "$PGDATA" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
        >>"$PG_LOG"
    # our settings (port, loopback, pg_hba) come last, so they win
    echo "include '$PG_ETC/postgresql.conf'" | as_postgres tee -a "$PGDATA/postgresql.conf" >/dev/null
}

start_postgres() {
    local bin
    bin=$(pg_bin)
    [[ -s $PGDATA/PG_VERSION ]] || init_postgres
    if pg_pid >/dev/null; then
        echo "PostgreSQL already runs (pid $(pg_pid))"
    else
        if port_in_use 127.0.0.1 "$PG_PORT"; then
            echo "Port $PG_PORT is already in use: set PG_PORT." >&2
            return 1
        fi
        as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 start >/dev/null
        echo "PostgreSQL listens on 127.0.0.1:$PG_PORT (pid $(pg_pid))"
    fi
    # (checked rather than assumed from a new cluster: a start interrupted
    # after initdb must still end with the database)
    if [[ -z $("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") ]]; then
        "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
        # a new database: Zope reads the admin from inituser when it creates
        # its root, the site has to be created
        write_inituser
        rm -f "$SITE_STAMP"
    fi
    # the journal's database (its tables: created by the first process)
    if [[ -z $("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$JOURNAL_DB'") ]]; then
        "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$JOURNAL_DB"
    fi
}

# The postmaster's pid (first line of postmaster.pid), if it runs.
pg_pid() {
    local pid
    [[ -r $PGDATA/postmaster.pid ]] || return 1
    pid=$(head -n 1 "$PGDATA/postmaster.pid")
    alive "$pid" || return 1
    echo "$pid"
}

stop_postgres() {
    local bin pid
    pid=$(pg_pid) || return 0
    bin=$(pg_bin)
    echo "Stopping postgresql (pid $pid)"
    # fast: disconnect clients (all ours are stopped by now), checkpoint, exit
    as_postgres "$bin/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null ||
        kill -KILL "$pid" 2>/dev/null || true
}

write_inituser() {
    "$BIN/python" - "$VAR/inituser" "$ADMIN_USER" "$ADMIN_PASSWORD" <<'EOF'
import sys
from Zope2.utilities.mkwsgiinstance import write_inituser
write_inituser(*sys.argv[1:])
EOF
}

# The site with the same demo data as `make run` (scripts/create_site.py,
# idempotent), created once; again only when a profile's version changed.
setup_site() {
    if [[ -e $SITE_STAMP ]] &&
        [[ -z $(find "$ROOT/src" -path '*/profiles/*/metadata.xml' -newer "$SITE_STAMP") ]]; then
        return
    fi
    echo "Setting up the Plone site /$SITE_ID on RelStorage (log: $LOG_DIR/setup.log)..."
    local args=(--site-id "$SITE_ID" --admin "$ADMIN_USER" --mail-queue "$VAR/mail")
    [[ $DEMO == true ]] || args+=(--no-demo)
    if ! "$BIN/zconsole" run "$VAR/etc/zope-setup.conf" "$ROOT/scripts/create_site.py" \
        "${args[@]}" >>"$LOG_DIR/setup.log" 2>&1; then
        tail -n 40 "$LOG_DIR/setup.log" >&2
        return 1
    fi
    touch "$SITE_STAMP"
}

start_zopes() {
    local port
    for port in "${ZOPE_PORTS[@]}"; do
        if port_in_use 127.0.0.1 "$port"; then
            echo "Port $port is already in use: set ZOPE_PORTS." >&2
            return 1
        fi
        start_zope "$port"
    done
    # they start side by side; wait for each
    for port in "${ZOPE_PORTS[@]}"; do
        wait_port 127.0.0.1 "$port" 180 "zope-$port"
        echo "Zope listens on 127.0.0.1:$port (pid $(pid_of "zope-$port"))"
    done
}

start_zope() {
    start "zope-$1" "$LOG_DIR/zope-$1.log" "$BIN/runwsgi" "$VAR/etc/zope-$1.ini"
}

# The exchange worker, a RelStorage client like the web processes.
start_worker() {
    start worker "$LOG_DIR/worker.log" "$BIN/municipal-exchange-worker" \
        --zope-conf "$VAR/etc/zope-worker.conf" --site "$SITE_ID"
    echo "Exchange worker started (pid $(pid_of worker))"
}

# The LibreOffice pool: one server per port of CLUSTER_LIBREOFFICE_PORTS.
start_libreoffice_pool() {
    local port
    for port in "${LIBREOFFICE_PORTS[@]}"; do
        start_libreoffice "libreoffice-$port" "$port"
        if pid=$(pid_of "libreoffice-$port"); then
            echo "LibreOffice listens on localhost:$port (pid $pid)"
        fi
    done
}

start_services() {
    start_libreoffice_pool
    start_simulator
    [[ $REGION_SIMULATOR != true ]] ||
        echo "Regional simulator listens on 127.0.0.1:$REGION_PORT (pid $(pid_of simulator))"
    start_tsa
    make_signing_certificates
    [[ $TSA != true ]] ||
        echo "Timestamp authority listens on 127.0.0.1:$TSA_PORT (pid $(pid_of tsa))"
    # before the site's set-up: it points the citizens' sign-in at this provider
    start_oidc
    [[ $OIDC != true ]] ||
        echo "OpenID Connect provider listens on 127.0.0.1:$OIDC_PORT (pid $(pid_of oidc))"
    start_bced
    [[ $BCED != true ]] ||
        echo "BCED simulator listens on 127.0.0.1:$BCED_PORT (pid $(pid_of bced))"
}

start_haproxy() {
    local haproxy
    haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
    if [[ ! -x $haproxy ]]; then
        echo "HAProxy is not installed (apt-get install haproxy)." >&2
        return 1
    fi
    if port_in_use "$HTTP_HOST" "$HTTP_PORT"; then
        echo "Port $HTTP_PORT is already in use: set CLUSTER_PORT." >&2
        return 1
    fi
    "$haproxy" -c -q -f "$VAR/etc/haproxy.cfg"
    # -db: stay in the foreground (we keep its pid), log to our log file
    start haproxy "$LOG_DIR/haproxy.log" "$haproxy" -db -f "$VAR/etc/haproxy.cfg"
    wait_port "$HTTP_HOST" "$HTTP_PORT" 30 haproxy
    echo "HAProxy listens on $HTTP_HOST:$HTTP_PORT (pid $(pid_of haproxy))"
}

# haproxy_cmd COMMAND: a command of HAProxy's runtime API (its answer).
haproxy_cmd() {
    "$BIN/python" - "$HAPROXY_SOCKET" "$1" <<'EOF'
import socket, sys
with socket.socket(socket.AF_UNIX) as sock:
    sock.settimeout(5)
    sock.connect(sys.argv[1])
    sock.sendall(sys.argv[2].encode() + b"\n")
    print(b"".join(iter(lambda: sock.recv(65536), b"")).decode(), end="")
EOF
}

# Wait until HAProxy's health checks see every Zope process UP.
wait_backends_up() {
    local i states
    for ((i = 0; i < 60; i++)); do
        # show stat CSV: pxname,svname,...,status (18th field)
        states=$(haproxy_cmd "show stat" | awk -F, '$1 == "zope" && $2 ~ /^zope-/ {print $18}')
        if [[ -n $states ]] && ! grep -qv '^UP' <<<"$states"; then
            return 0
        fi
        sleep 1
    done
    echo "HAProxy does not see every Zope process UP:" >&2
    haproxy_cmd "show stat" | awk -F, '$1 == "zope" {print "  " $2 ": " $18}' >&2
    return 1
}

# Before anything starts: the balancer's and the Zope processes' ports, and
# PostgreSQL's unless our own server already runs.
check_ports() {
    local ports=("CLUSTER_PORT $HTTP_PORT") port
    for port in "${ZOPE_PORTS[@]}"; do
        ports+=("ZOPE_PORTS $port")
    done
    pg_pid >/dev/null 2>&1 || ports+=("PG_PORT $PG_PORT")
    if libreoffice_installed; then
        for port in "${LIBREOFFICE_PORTS[@]}"; do
            ports+=("CLUSTER_LIBREOFFICE_PORTS $port")
        done
    fi
    [[ $REGION_SIMULATOR != true ]] || ports+=("CLUSTER_REGION_PORT $REGION_PORT")
    [[ $TSA != true ]] || ports+=("CLUSTER_TSA_PORT $TSA_PORT")
    [[ $OIDC != true ]] || ports+=("CLUSTER_OIDC_PORT $OIDC_PORT")
    [[ $BCED != true ]] || ports+=("CLUSTER_BCED_PORT $BCED_PORT")
    ports_free "${ports[@]}"
}

cmd_start() {
    if pid=$(pid_of haproxy); then
        echo "The cluster already runs (HAProxy pid $pid): \`make stop-cluster\` first." >&2
        exit 1
    fi
    check_ports || exit 1
    render_config
    # whatever fails from here on (set -e), nothing is left running
    trap 'on_failed_start' EXIT
    start_postgres
    start_services
    setup_site
    start_zopes
    start_worker
    start_haproxy
    wait_backends_up
    # (ZOPE_PORTS is an array here: bash would not pass it on)
    start supervisor "$LOG_DIR/supervisor.log" env ZOPE_PORTS="$ZOPE_PORTS_SETTING" \
        "$ROOT/scripts/cluster.sh" supervise
    trap - EXIT
    cat <<EOF

  imio.municipal (cluster) on http://$HTTP_HOST:$HTTP_PORT/$SITE_ID
  HAProxy round-robin over Zope on ${ZOPE_PORTS[*]} (127.0.0.1), RelStorage on
  PostgreSQL 127.0.0.1:$PG_PORT (database $PG_DB), exchange worker running,
  LibreOffice on ${LIBREOFFICE_PORTS[*]}$([[ $REGION_SIMULATOR == true ]] && echo ", regional simulator on $REGION_PORT")$([[ $TSA == true ]] && echo ", timestamp authority on $TSA_PORT").
  Zope admin: $ADMIN_USER / $ADMIN_PASSWORD$([[ $DEMO == true ]] && echo "; demo logins as with \`make run\` (password: demo)")

  Status: make status-cluster    Stop: make stop-cluster
  Logs: $LOG_DIR

EOF
}

on_failed_start() {
    local status=$?
    trap - EXIT
    if [[ $status != 0 ]]; then
        echo "The cluster did not start (status $status): stopping what was started." >&2
        cmd_stop
    fi
    exit "$status"
}

cmd_stop() {
    local port
    # the supervisor first (it would restart what stops), the way in, then
    # the clients of the database, the services, the database last
    stop_process supervisor
    stop_process haproxy
    stop_process worker
    for port in "${ZOPE_PORTS[@]}"; do
        stop_process "zope-$port"
    done
    # processes of a run with other ZOPE_PORTS or CLUSTER_LIBREOFFICE_PORTS
    shopt -s nullglob
    local file
    for file in "$RUN_DIR"/zope-*.pid "$RUN_DIR"/libreoffice-*.pid; do
        stop_process "$(basename "$file" .pid)"
    done
    stop_process simulator
    stop_process tsa
    stop_process oidc
    stop_process bced
    stop_postgres
    echo "Cluster stopped."
}

# The processes of the cluster as "NAME PORT" (port "-": none).
processes() {
    local port
    echo "haproxy $HTTP_PORT"
    for port in "${ZOPE_PORTS[@]}"; do
        echo "zope-$port $port"
    done
    echo "worker -"
    for port in "${LIBREOFFICE_PORTS[@]}"; do
        echo "libreoffice-$port $port"
    done
    [[ $REGION_SIMULATOR != true ]] || echo "simulator $REGION_PORT"
    [[ $TSA != true ]] || echo "tsa $TSA_PORT"
    [[ $OIDC != true ]] || echo "oidc $OIDC_PORT"
    [[ $BCED != true ]] || echo "bced $BCED_PORT"
    echo "supervisor -"
}

# Each process: up (it runs and, if it has a port, answers there) or down,
# its pid and its port; status 3 when one is down.
cmd_status() {
    local name port pid state status=0
    printf '%-20s %-10s %-8s %s\n' PROCESS STATE PID PORT
    while read -r name port; do
        state=down
        if pid=$(pid_of "$name"); then
            state=up
            if [[ $port != - ]] && ! port_in_use 127.0.0.1 "$port" &&
                ! port_in_use localhost "$port"; then
                state="no-answer"
            fi
        else
            pid=-
        fi
        [[ $state == up ]] || status=3
        printf '%-20s %-10s %-8s %s\n' "$name" "$state" "$pid" "$port"
    done < <(processes)
    if pid=$(pg_pid); then
        printf '%-20s %-10s %-8s %s\n' postgresql up "$pid" "$PG_PORT"
    else
        printf '%-20s %-10s %-8s %s\n' postgresql down - "$PG_PORT"
        status=3
    fi
    [[ $REGION_SIMULATOR == true ]] || echo "(no regional simulator: REGION_SIMULATOR=false)"
    [[ $TSA == true ]] || echo "(no local timestamp authority: TSA=false)"
    if pid_of haproxy >/dev/null; then
        echo "HAProxy backends:"
        haproxy_cmd "show stat" | awk -F, '$1 == "zope" && $2 ~ /^zope-/ {
            printf "  %s: %s, %s requests\n", $2, $18, $8 }'
    fi
    return $status
}

# restart NAME: start again a process of the cluster that ended.
restart() {
    local name=$1
    case $name in
        libreoffice-*) start_libreoffice "$name" "${name#libreoffice-}" ;;
        simulator) start_simulator ;;
        tsa) start_tsa ;;
        oidc) start_oidc ;;
        bced) start_bced ;;
        worker) start_worker ;;
        zope-*)
            start_zope "${name#zope-}"
            wait_port 127.0.0.1 "${name#zope-}" 180 "$name"
            ;;
        *) return 1 ;;
    esac
}

# Started detached by `start`: every 5 s, whatever ended among the services,
# the worker and the Zope processes is started again, at most 5 times each
# (then it stays down, and `status` says so). HAProxy and PostgreSQL are not
# restarted: without them nothing works, and a restart loop would hide why.
cmd_supervise() {
    trap 'exit 0' TERM INT
    local -A restarts=()
    local name port count
    while true; do
        sleep 5 &
        wait $! || true
        while read -r name port; do
            [[ $name != haproxy && $name != supervisor ]] || continue
            pid_of "$name" >/dev/null && continue
            count=${restarts[$name]:-0}
            ((count < 5)) || continue
            restarts[$name]=$((count + 1))
            echo "$(date -Is) $name ended: starting it again ($((count + 1))/5)"
            restart "$name" || echo "$(date -Is) $name did not start again"
        done < <(processes)
    done
}

case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    supervise) cmd_supervise ;;
    # PostgreSQL alone, no Zope process (`make restore-cluster`)
    postgres) render_config && start_postgres ;;
    config) render_config && echo "Configuration written to $VAR/etc" ;;
    *)
        echo "usage: $0 {start|stop|status|postgres|config|supervise}" >&2
        exit 2
        ;;
esac
