#!/usr/bin/env bash
# Break the lab's metadata path the way admins meet it, and restore it.
#   fault.sh list               every fault: name, on/off, target instance, what it does
#   fault.sh NAME on|off        idempotent; returns once the target instance sees the change
#                               (off: its metadata answers 200 again)
# While a fault is on, run/fault-NAME exists ("target=<instance>" and "since=<epoch>" lines).
# Needs the `datapath` service. Symptoms seen from inside each instance: README, "Faults".
set -euo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common metadata nova datapath; do . "$LAB_HOME/lib/$f.sh"; done
SERVICES=$(cat "$LAB_DIR/data/.services" 2>/dev/null || true)
CHANGED="" DP_SINCE=0
STATE=$(dp_state)

# name -> target instance | what "on" does
declare -A TARGET=(
  [metadata-agent]=alpha-vm1 [router-haproxy]=alpha-vm1 [l3-agent]=alpha-vm1
  [router-interface]=beta-vm1 [dhcp-off]=beta-vm4 [isolated-metadata]=beta-vm4
  [shared-secret]=alpha-vm1 [nova-metadata]=alpha-vm1 [port-down]=beta-vm3 [sg-egress]=alpha-vm2)
declare -A WHAT=(
  [metadata-agent]="neutron-metadata-agent stopped"
  [router-haproxy]="alpha-router's haproxy (qrouter-, :9697) killed; the L3 agent does not respawn it here"
  [l3-agent]="neutron-l3-agent stopped (haproxy and the namespace stay; API alive=False after ~75 s)"
  [router-interface]="beta-router's interface on beta-subnet removed"
  [dhcp-off]="enable_dhcp=false on beta-isolated-subnet (the agent removes qdhcp- and its port)"
  [isolated-metadata]="enable_isolated_metadata=false in the DHCP agent (restarted)"
  [shared-secret]="neutron-metadata-agent restarted with a wrong metadata_proxy_shared_secret"
  [nova-metadata]="nova-api-metadata stopped"
  [port-down]="beta-vm3's port admin_state_up=false"
  [sg-egress]="alpha-vm2's port in a security group whose egress allows only TCP 443 and UDP 53")
ORDER="metadata-agent router-haproxy l3-agent router-interface dhcp-off isolated-metadata shared-secret nova-metadata port-down sg-egress"

marker() { echo "$LAB_DIR/run/fault-$1"; }
api() { (cd "$LAB_HOME/seed" && "$PY" datapath.py "$@") >>"$LAB_DIR/log/fault.log" 2>&1 || die "datapath.py $* failed (log/fault.log)"; }
router_id() { jq -r ".routers[\"$1\"].id" "$LAB_DIR/data/network.json"; }

# probe NAME -> "200" or "<code> exit=<curl exit>": one metadata request from inside the instance.
probe() {
  local out rc=0
  out=$(ip netns exec "inst-$1" curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" \
    http://169.254.169.254/openstack/latest/meta_data.json 2>/dev/null) || rc=$?
  [ "$rc" = 0 ] && echo "$out" || echo "${out:-000} exit=$rc"
}

# until_probe NAME ok|fail|CODE DEADLINE_S: wait until the instance gets a 200 (ok), anything
# else (fail) or that answer.
until_probe() {
  local name=$1 want=$2 deadline=$(( $(date +%s) + $3 )) got
  while :; do
    got=$(probe "$name")
    case "$want" in
      ok) [ "$got" = 200 ] && return 0 ;;
      fail) [ "$got" != 200 ] && return 0 ;;
      *) [ "$got" = "$want" ] && return 0 ;;
    esac
    [ "$(date +%s)" -lt "$deadline" ] || die "$name still answers '$got' after $3 s (wanted $want)"
    sleep 0.5
  done
}

refresh_outputs() { # the seed re-attaches what is missing and rewrites topology.json
  (cd "$LAB_HOME/seed" && "$PY" network.py && "$PY" outputs.py "$SERVICES") >>"$LAB_DIR/log/fault.log" 2>&1 ||
    die "re-seeding after the fault failed (log/fault.log)"
}

restart_agent_with() { # extra config files for neutron-metadata-agent ("" = the lab's own)
  stop_svc agent TERM 10
  rm -f "$(agent_socket)"
  start_bg agent "$LAB_DIR/conf/metadata_agent.ini" neutron-metadata-agent \
    --config-file "$LAB_DIR/conf/neutron.conf" --config-file "$LAB_DIR/conf/metadata_agent.ini" $1
}

haproxy_pid() { local f="$STATE/external/pids/$1.pid.haproxy"; [ -s "$f" ] && pid_alive "$(cat "$f")" "$STATE/" && cat "$f"; }

# --- each fault: on_NAME / off_NAME --------------------------------------------------------
on_metadata-agent() { stop_svc agent TERM 10; }
off_metadata-agent() { restart_agent_with ""; }

on_router-haproxy() { local p; p=$(haproxy_pid "$(router_id alpha-router)") && kill "$p"; }
off_router-haproxy() { # what the agent's process monitor would do: the same command, same netns
  local r; r=$(router_id alpha-router)
  haproxy_pid "$r" >/dev/null || ip netns exec "qrouter-$r" haproxy -f "$STATE/ns-metadata-proxy/$r.conf"
}

on_l3-agent() { stop_svc l3-agent TERM 15; }
off_l3-agent() { local since; since=$(date +%s); dp_agent_start l3-agent; api agent-alive l3 yes "$since"; }

on_router-interface() { # done once the L3 agent has removed the qr- device (until then: 404s)
  local ns; ns="qrouter-$(router_id beta-router)" deadline=$(( $(date +%s) + 90 ))
  api router-interface remove beta-router beta-subnet
  while ip -n "$ns" -4 -o addr show 2>/dev/null | grep -q ' 10\.0\.0\.1/'; do
    [ "$(date +%s)" -lt "$deadline" ] || die "the L3 agent did not remove beta-router's qr- device on beta-subnet"
    sleep 0.5
  done
}
off_router-interface() { api router-interface add beta-router beta-subnet; refresh_outputs; }

on_dhcp-off() { api subnet-dhcp beta-isolated-subnet off; }
off_dhcp-off() { api subnet-dhcp beta-isolated-subnet on; refresh_outputs; }

restart_dhcp_agent() { # datapath_config reads the marker
  local since; since=$(date +%s)
  datapath_config; stop_svc dhcp-agent TERM 15; dp_agent_start dhcp-agent; api agent-alive dhcp yes "$since"
}
on_isolated-metadata() { restart_dhcp_agent; }
off_isolated-metadata() { restart_dhcp_agent; }

on_shared-secret() {
  printf '[DEFAULT]\n# fault.sh shared-secret: not the secret nova-api-metadata knows\nmetadata_proxy_shared_secret = wrong-%s\n' \
    "$RANDOM" >"$LAB_DIR/conf/fault-shared-secret.ini"
  restart_agent_with "--config-file $LAB_DIR/conf/fault-shared-secret.ini"
}
off_shared-secret() { restart_agent_with ""; rm -f "$LAB_DIR/conf/fault-shared-secret.ini"; }

on_nova-metadata() { stop_svc nova-metadata INT 15; }
off_nova-metadata() { start_uwsgi nova-metadata; nova_metadata_wait $(( $(date +%s) + 60 )); }

on_port-down() { api port-admin beta-vm3 down; }
off_port-down() { api port-admin beta-vm3 up; }

on_sg-egress() { api sg-egress alpha-vm2 on; }
off_sg-egress() { api sg-egress alpha-vm2 off; }

# Faults whose symptom is a 200 (the path outlives the agent): "on" returns at once.
declare -A STILL_OK=([l3-agent]=1)
# Faults that pass through other answers first (the restarted agent answers 503 until it is up).
declare -A SETTLED=([shared-secret]=403)

list() {
  local n state
  printf '%-18s %-4s %-10s %s\n' fault state target what
  for n in $ORDER; do
    state=off; [ -e "$(marker "$n")" ] && state=on
    printf '%-18s %-4s %-10s %s\n' "$n" "$state" "${TARGET[$n]}" "${WHAT[$n]}"
  done
}

switch() { # name on|off
  local n=$1 to=$2 t0 m; m=$(marker "$n"); t0=$(now)
  [ -n "${TARGET[$n]:-}" ] || die "unknown fault '$n' (fault.sh list)"
  [ -f "$LAB_DIR/data/datapath.json" ] || die "the data path is not up (LAB_SERVICES=\"... datapath\" tests/lab/up.sh)"
  case "$to" in
    on)
      [ -e "$m" ] && { log "$n is already on"; return 0; }
      printf 'target=%s\nsince=%s\n' "${TARGET[$n]}" "$(date +%s)" >"$m"
      "on_$n"
      [ -n "${STILL_OK[$n]:-}" ] || until_probe "${TARGET[$n]}" "${SETTLED[$n]:-fail}" 90 ;;
    off)
      [ -e "$m" ] || { log "$n is already off"; return 0; }
      rm -f "$m"
      "off_$n"
      until_probe "${TARGET[$n]}" ok 120 ;;
    *) die "usage: fault.sh NAME on|off | fault.sh list" ;;
  esac
  log "$n $to in $(since "$t0") s; ${TARGET[$n]} now gets: $(probe "${TARGET[$n]}" 12)"
}

case "${1:-list}" in
  list) list ;;
  *) [ $# = 2 ] || die "usage: fault.sh NAME on|off | fault.sh list"; switch "$1" "$2" ;;
esac
