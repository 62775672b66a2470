# Process helpers shared by scripts/run.sh and scripts/stop.sh (sourced, not run).
# Every process we start has a pid file $RUN_DIR/<name>.pid and, unless it
# writes to the console, a log $LOG_DIR/<name>.log.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VAR=${VAR:-$ROOT/var}
RUN_DIR=$VAR/run
LOG_DIR=$VAR/log

# alive PID: the process exists and is not a zombie.
alive() {
    local pid=$1 stat
    [[ -n $pid && -r /proc/$pid/stat ]] || return 1
    stat=$(</proc/"$pid"/stat) || return 1
    stat=${stat##*) }          # drop "pid (comm) ", comm may contain spaces
    [[ ${stat%% *} != Z ]]
}

# pid_of NAME: the live pid recorded for NAME, if its command line is ours
# (a stale pid file after a reboot may point at somebody else's process).
pid_of() {
    local file=$RUN_DIR/$1.pid pid cmdline
    [[ -r $file ]] || return 1
    pid=$(<"$file")
    alive "$pid" || return 1
    cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    # (empty while the process execs)
    [[ -z $cmdline || $cmdline == *"$ROOT"* || $cmdline == *"$VAR"* || $cmdline == *run.sh* ]] ||
        return 1
    echo "$pid"
}

# stop_process NAME [TIMEOUT]: SIGTERM, then SIGKILL after TIMEOUT seconds.
stop_process() {
    local name=$1 timeout=${2:-30} pid i
    if pid=$(pid_of "$name"); then
        echo "Stopping $name (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < timeout * 10; i++)); do
            alive "$pid" || break
            sleep 0.1
        done
        if alive "$pid"; then
            echo "$name did not stop in ${timeout}s: killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$RUN_DIR/$name.pid"
}

# wait_port HOST PORT TIMEOUT NAME: wait until HOST:PORT accepts connections,
# failing early if process NAME died.
wait_port() {
    local host=$1 port=$2 timeout=$3 name=$4 i
    for ((i = 0; i < timeout * 10; i++)); do
        if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
            return 0
        fi
        # (not pid_of: the command line can read empty while a process execs)
        if ! alive "$(<"$RUN_DIR/$name.pid")"; then
            echo "$name died while starting; see $LOG_DIR/$name.log" >&2
            tail -n 30 "$LOG_DIR/$name.log" >&2 2>/dev/null || true
            return 1
        fi
        sleep 0.1
    done
    echo "$name does not listen on $host:$port after ${timeout}s" >&2
    return 1
}

# port_in_use HOST PORT
port_in_use() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# ports_free "NAME PORT"...: fail, naming each port already taken on this
# machine and the setting that moves it, before anything is started (a busy
# port otherwise shows up later as an unrelated error, or a process of ours
# talking to someone else's server).
ports_free() {
    local entry name port taken=0
    for entry in "$@"; do
        read -r name port <<<"$entry"
        if port_in_use 127.0.0.1 "$port" || port_in_use localhost "$port"; then
            echo "Port $port ($name) is already in use by another program: set $name" \
                "in the environment to use a free port, e.g. $name=$(suggest_port "$name" "$port")" \
                "(defaults: etc/ports.env)." >&2
            taken=1
        fi
    done
    return $taken
}

# suggest_port NAME PORT: the setting's value with a port that is free now.
suggest_port() {
    local free
    free=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) || free=PORT
    case $1 in
        ZEO_ADDRESS) echo "localhost:$free" ;;
        ZOPE_PORTS) echo "\"${ZOPE_PORTS_SETTING:-}\" with $2 replaced by $free" ;;
        *) echo "$free" ;;
    esac
}
