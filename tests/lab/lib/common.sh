# Shared helpers for the lab scripts: paths, logging, pid files, readiness probes.
# Sourced by up.sh, down.sh and smoke.sh; expects LAB_HOME (tests/lab) to be set.

LAB_DIR="${LAB_DIR:-/var/tmp/stacklens-lab}"
LAB_SECRET="stacklens-lab-shared-secret"
PY=/usr/bin/python3              # pyenv's python3 on PATH has no OpenStack modules
PG_PORT=5433
ALL_SERVICES="keystone neutron metadata nova compute ovn datapath"

# The agent forwards with python-requests, which honours proxies: keep everything on loopback.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# Print which service failed plus the tail of its log, then exit non-zero.
fail_service() {
  local name=$1 logf="$LAB_DIR/log/$1.log"
  printf '[lab] ERROR: %s failed to start: %s\n' "$name" "${2:-}" >&2
  if [ -f "$logf" ]; then
    printf -- '--- last 30 lines of %s ---\n' "$logf" >&2
    tail -n 30 "$logf" >&2
  fi
  exit 1
}

has_service() { case " ${SERVICES:-} " in *" $1 "*) return 0 ;; esac; return 1; }

# Pid files hold "<pid> <marker>": a pid only counts as ours while it is not a zombie
# and its command line still contains the marker (pids get reused, zombies pass kill -0).
pid_file() { echo "$LAB_DIR/run/$1.pid"; }

pid_alive() { # pid marker
  local pid=$1 marker=$2 stat
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  stat=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
  case "$stat" in Z*|"") return 1 ;; esac
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

svc_pid() { # name -> prints pid if alive
  local f; f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  local pid marker; read -r pid marker <"$f"
  pid_alive "$pid" "$marker" && echo "$pid"
}

group_alive() { # pgid: any non-zombie member left?
  local p
  for p in $(pgrep -g "$1" 2>/dev/null); do
    case "$(ps -o stat= -p "$p" 2>/dev/null)" in Z*|"") ;; *) return 0 ;; esac
  done
  return 1
}

svc_running() { svc_pid "$1" >/dev/null; }

# Loopback TCP port of each service: a port held by a stranger is reported before starting.
declare -A SERVICE_PORT=([postgres]=5433 [keystone]=5000 [neutron]=9696 [rabbitmq]=5672
  [recorder]=8775 [nova-metadata]=8776 [nova-api]=8774)

check_port() { # name
  local port=${SERVICE_PORT[$1]:-} holder
  [ -n "$port" ] || return 0
  holder=$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1)
  [ -z "$holder" ] || fail_service "$1" "127.0.0.1:$port is already in use: $holder"
}

# start_bg NAME MARKER CMD...: run detached in its own session, output to log/NAME.log.
start_bg() {
  local name=$1 marker=$2; shift 2
  check_port "$name"
  # setsid execs (this child is not a group leader), so $! is the service itself.
  setsid "$@" </dev/null >>"$LAB_DIR/log/$name.log" 2>&1 &
  echo "$! $marker" >"$(pid_file "$name")"
}

# stop_svc NAME SIGNAL TIMEOUT: signal the recorded pid, wait, then SIGKILL its process group.
stop_svc() {
  local name=$1 sig=${2:-TERM} timeout=${3:-15} f pid marker deadline
  f=$(pid_file "$name")
  [ -f "$f" ] || return 0
  read -r pid marker <"$f"
  if pid_alive "$pid" "$marker"; then
    kill -s "$sig" "$pid" 2>/dev/null || true
    deadline=$(( $(date +%s) + timeout ))
    while pid_alive "$pid" "$marker" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    if pid_alive "$pid" "$marker"; then
      log "$name (pid $pid) did not stop after ${timeout}s, killing its process group"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  # Workers left in the service's process group (pgid = the recorded pid; Linux does not reuse
  # a pid while it is still some group's id, so this cannot hit a stranger).
  if group_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || true; sleep 0.5
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# wait_http NAME URL DEADLINE_EPOCH [expected-code-regex]: curl --max-time 2 until it answers.
wait_http() {
  local name=$1 url=$2 deadline=$3 want=${4:-'^[1-4][0-9][0-9]$'} code
  while :; do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$url" 2>/dev/null || true)
    [[ "$code" =~ $want ]] && return 0
    svc_running "$name" || fail_service "$name" "process exited (last answer: ${code:-none})"
    [ "$(date +%s)" -lt "$deadline" ] || fail_service "$name" "no answer from $url before the deadline (last: ${code:-none})"
    sleep 0.3
  done
}

# Shared by keystone, nova-metadata and nova-api: uwsgi with the lab's rendered ini.
start_uwsgi() {
  local name=$1 ini="$LAB_DIR/conf/$1-uwsgi.ini"
  if svc_running "$name"; then
    case " $CHANGED " in
      *" $name "*) log "$name config changed: restarting"; stop_svc "$name" INT 15 ;;
      *) log "$name already running (pid $(svc_pid "$name"))"; return 0 ;;
    esac
  fi
  start_bg "$name" "$ini" uwsgi --ini "$ini"
}

# render TEMPLATE OUT: replace each @VAR@ with the value of shell variable VAR (pure bash:
# no process per template). Returns 0 if OUT changed, 1 if it was already up to date.
render() {
  local tmpl=$1 out=$2 text var
  text=$(<"$tmpl")
  while [[ $text =~ @([A-Z][A-Z0-9_]*)@ ]]; do
    var=${BASH_REMATCH[1]}
    [ -n "${!var+x}" ] || die "render $tmpl: variable $var is not set"
    text=${text//@$var@/${!var}}
  done
  if [ -f "$out" ] && [ "$(<"$out")" = "$text" ]; then return 1; fi
  printf '%s\n' "$text" >"$out.tmp" && chmod 644 "$out.tmp" && mv "$out.tmp" "$out"
}

pg_url() { echo "postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT/$1"; }
