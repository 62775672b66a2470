# The services imio.municipal needs beside Zope, started the same way by
# scripts/run.sh (`make run`) and scripts/cluster.sh (`make run-cluster`):
# the headless LibreOffice, the regional endpoint simulator and the local
# timestamp authority. Sourced, not run: the caller provides VAR, LOG_DIR,
# RUN_DIR and BIN (scripts/processes.sh), the ports (etc/ports.env) and a
# function `start NAME LOG COMMAND...` that starts COMMAND in its own session
# and records its pid in $RUN_DIR/NAME.pid.

SOFFICE_BIN=${SOFFICE_BIN:-/usr/lib/libreoffice/program/soffice.bin}

# LibreOffice and the UNO-enabled Python appy runs are both installed.
libreoffice_installed() {
    [[ -x $SOFFICE_BIN ]] && [[ -x /usr/bin/python3 ]]
}

# start_libreoffice [NAME] [PORT]: a headless LibreOffice converts documents
# to PDF and DOCX (one server, reused by every request; its own profile in
# $VAR/NAME). Without it the site runs and says PDF is unavailable.
start_libreoffice() {
    local name=${1:-libreoffice} port=${2:-$LIBREOFFICE_PORT}
    if ! libreoffice_installed; then
        echo "LibreOffice is not installed: PDF and DOCX documents are unavailable" \
            "(apt-get install libreoffice-writer-nogui python3-uno)." >&2
        return 0
    fi
    if port_in_use localhost "$port"; then
        echo "Port $port is in use: documents will use the LibreOffice listening there." >&2
        return 0
    fi
    local profile=$VAR/$name
    # On a new profile soffice.bin exits once to restart: create it first.
    [[ -d $profile/user ]] ||
        "$SOFFICE_BIN" --headless --terminate_after_init "-env:UserInstallation=file://$profile" \
            >>"$LOG_DIR/$name.log" 2>&1 || true
    start "$name" "$LOG_DIR/$name.log" "$SOFFICE_BIN" --headless --invisible --nologo \
        --norestore --nodefault --nolockcheck "-env:UserInstallation=file://$profile" \
        "--accept=socket,host=localhost,port=$port;urp;StarOffice.ComponentContext"
    wait_port localhost "$port" 60 "$name"
}

# The regional endpoint simulator stands in for e-Tutelle and the Guichet:
# the demo municipalities send to it (never to a real regional system).
start_simulator() {
    [[ $REGION_SIMULATOR == true ]] || return 0
    # The worker (and the demo build) read the tokens from the environment.
    export IMIO_MUNICIPAL_TOKEN_ETUTELLE=$REGION_TOKEN IMIO_MUNICIPAL_TOKEN_GUICHET=$REGION_TOKEN
    export IMIO_MUNICIPAL_TOKEN_PERMITS=$REGION_TOKEN
    export IMIO_MUNICIPAL_REGION_URL=http://127.0.0.1:$REGION_PORT
    mkdir -p "$VAR/region-simulator"
    start simulator "$LOG_DIR/region-simulator.log" "$BIN/municipal-region-simulator" \
        --host 127.0.0.1 --port "$REGION_PORT" --token "$REGION_TOKEN" \
        --outcome "$REGION_OUTCOME" --outcome-after "$REGION_OUTCOME_AFTER" \
        --state "$VAR/region-simulator/state.json"
    wait_port 127.0.0.1 "$REGION_PORT" 30 simulator
}

# A local RFC 3161 timestamp authority (openssl ts, a test CA made once in
# var/tsa) proves the publication time of the demo's published acts. In
# production, set IMIO_MUNICIPAL_TSA_URL and IMIO_MUNICIPAL_TSA_ROOT (or
# zope.conf) to a qualified authority instead and TSA=false.
start_tsa() {
    [[ $TSA == true ]] || return 0
    mkdir -p "$VAR/tsa"
    start tsa "$LOG_DIR/tsa.log" "$BIN/python" -m imio.municipal.publication.core.tsa \
        --dir "$VAR/tsa" --port "$TSA_PORT"
    wait_port 127.0.0.1 "$TSA_PORT" 60 tsa
    export IMIO_MUNICIPAL_TSA_URL=http://127.0.0.1:$TSA_PORT/
    export IMIO_MUNICIPAL_TSA_ROOT=$VAR/tsa/ca.pem
}

# A local OpenID Connect provider with the demo citizens (demo/citizens.py):
# citizens sign in to the e-counter through it. In production, set
# IMIO_MUNICIPAL_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET to the federal
# authentication service (CSAM) or itsme instead, and OIDC=false.
start_oidc() {
    [[ $OIDC == true ]] || return 0
    local claims=()
    while IFS= read -r line; do claims+=(--user-claims "$line"); done \
        < <("$BIN/python" -m imio.municipal.demo.citizens)
    start oidc "$LOG_DIR/oidc.log" "$BIN/oidc-provider-mock" --port "$OIDC_PORT" \
        --require-nonce true "${claims[@]}"
    wait_port 127.0.0.1 "$OIDC_PORT" 60 oidc
    export IMIO_MUNICIPAL_OIDC_ISSUER=http://127.0.0.1:$OIDC_PORT
    # The provider takes any secret but refuses a client that sends none.
    export IMIO_MUNICIPAL_OIDC_CLIENT_SECRET=${IMIO_MUNICIPAL_OIDC_CLIENT_SECRET:-demo-secret}
}

# The simulator of the authentic sources (the BCED: national register and
# BCE) with the demo's fictitious persons and enterprises. In production, set
# IMIO_MUNICIPAL_BCED_URL and IMIO_MUNICIPAL_BCED_TOKEN to the regional data
# bank instead and BCED=false.
start_bced() {
    [[ $BCED == true ]] || return 0
    start bced "$LOG_DIR/bced.log" "$BIN/python" -m imio.municipal.authentic.simulator \
        --host 127.0.0.1 --port "$BCED_PORT" --token "$BCED_TOKEN"
    wait_port 127.0.0.1 "$BCED_PORT" 30 bced
    export IMIO_MUNICIPAL_BCED_URL=http://127.0.0.1:$BCED_PORT
    export IMIO_MUNICIPAL_BCED_TOKEN=$BCED_TOKEN
}
