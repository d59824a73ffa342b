#!/usr/bin/env bash
# Start (or converge) the StackLens OpenStack lab on 127.0.0.1. Idempotent: services already
# running are left alone (restarted only if their rendered config changed) and the seed
# re-runs get-or-create. Env: LAB_DIR (default /var/tmp/stacklens-lab), LAB_SERVICES
# (default "keystone neutron metadata nova compute datapath"; the lab dir remembers its list).
set -euo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common packages postgres dbcache keystone neutron rabbit metadata nova datapath; do
  # shellcheck source=/dev/null
  . "$LAB_HOME/lib/$f.sh"
done
T0=$(now)
export LAB_DIR LAB_SECRET
case "$LAB_DIR" in /*) ;; *) die "LAB_DIR must be an absolute path" ;; esac
mkdir -p "$LAB_DIR"/{conf,data,log,run}
chmod 755 "$LAB_DIR"

# --- which services: env, else what the lab dir remembers, else all ---------------------
want="${LAB_SERVICES:-$(cat "$LAB_DIR/data/.services" 2>/dev/null || echo "$ALL_SERVICES")}"
for s in $want; do case " $ALL_SERVICES " in *" $s "*) ;; *) die "unknown service '$s' (known: $ALL_SERVICES)" ;; esac; done
want=" $want keystone neutron "                     # always: the app's core
case "$want" in *" compute "*) want="$want nova " ;; esac  # compute serves nova's records
case "$want" in *" datapath "*) want="$want metadata " ;; esac  # haproxy forwards to the agent
SERVICES=""; for s in $ALL_SERVICES; do case "$want" in *" $s "*) SERVICES="$SERVICES $s" ;; esac; done
SERVICES=${SERVICES# }
echo "$SERVICES" >"$LAB_DIR/data/.services"
# The data path needs root and network namespaces: where the machine has none, the lab runs
# without it and says why (topology.json's datapathSkipped; its tests skip with that reason).
rm -f "$LAB_DIR/data/.datapath-skipped"
if has_service datapath; then
  why=$(datapath_unsupported)
  if [ -n "$why" ]; then
    log "datapath skipped: $why"
    echo "$why" >"$LAB_DIR/data/.datapath-skipped"
    SERVICES=$(sed 's/ *datapath//' <<<"$SERVICES")
  fi
fi
log "lab dir $LAB_DIR, services: $SERVICES"

t=$(now); ensure_packages; T_PKG=$(since "$t")
for bin in uwsgi node curl; do command -v $bin >/dev/null || die "$bin not found"; done

# --- configs (a changed config restarts its running service) -----------------------------
CHANGED=""
keystone_config; neutron_config
has_service metadata && agent_config
has_service nova && nova_config
has_service datapath && datapath_config
# Services dropped from the list (e.g. LAB_SERVICES="keystone neutron" on a full lab) stop.
has_service compute || stop_svc nova-api INT 15
has_service nova || stop_svc nova-metadata INT 15
has_service datapath || datapath_stop
has_service metadata || { stop_svc agent TERM 10; stop_svc recorder TERM 5; rabbit_stop; }

# --- database, then three chains in parallel (init -> start -> ...), each waited on by pid
# (never a bare wait: that would wait for the postgres server too) -------------------------
deadline() { echo $(( $(date +%s) + $1 )); }
ALL_PIDS="postgres rabbitmq keystone neutron agent recorder nova-metadata nova-api lb-agent l3-agent dhcp-agent"
BEFORE=""; for s in $ALL_PIDS; do
  BEFORE="$BEFORE $s:$(svc_pid "$s" || true)"; done
t=$(now)
pg_init; pg_start
dbs="keystone neutron"; has_service nova && dbs="$dbs nova_api nova_cell0 nova_cell1"
pg_create_dbs $dbs
T_PG=$(since "$t")

chain_keystone() {
  keystone_init >>"$LAB_DIR/log/keystone-init.log" 2>&1 || fail_service keystone-init "exit code $?"
  keystone_start
  keystone_wait "$(deadline 60)"
  (cd "$LAB_HOME/seed" && "$PY" identity.py) >>"$LAB_DIR/log/seed.log" 2>&1 ||
    fail_service seed "identity seed failed"
}
chain_neutron() {
  neutron_init >>"$LAB_DIR/log/neutron-init.log" 2>&1 || fail_service neutron-init "exit code $?"
  neutron_start
}
chain_nova() {
  nova_init >>"$LAB_DIR/log/nova-init.log" 2>&1 || fail_service nova-init "exit code $?"
  nova_metadata_start
  if has_service compute; then nova_api_start; fi
}
declare -A CHAIN=()
chain_keystone & CHAIN[keystone]=$!
chain_neutron & CHAIN[neutron]=$!
if has_service nova; then chain_nova & CHAIN[nova]=$!; fi
if has_service metadata; then
  rabbit_start; recorder_start
  agent_start                # its RPC retries until RabbitMQ and neutron-server answer
fi
for c in keystone neutron nova; do
  [ -n "${CHAIN[$c]:-}" ] || continue
  wait "${CHAIN[$c]}" || die "the $c chain failed (see above)"
done
T_INIT=$(since "$t")

t=$(now)
NOVA_SEED_PID=""
trap '[ -n "$NOVA_SEED_PID" ] && kill "$NOVA_SEED_PID" 2>/dev/null; true' EXIT
has_service nova && nova_seed_start
neutron_wait "$(deadline 60)"
has_service metadata && rabbit_wait "$(deadline 60)"
has_service datapath && datapath_start   # the agents sync while the seed runs
(cd "$LAB_HOME/seed" && "$PY" network.py) >>"$LAB_DIR/log/seed.log" 2>&1 ||
  fail_service seed "network seed failed"
has_service nova && nova_seed_go
DP_PID=""
if has_service datapath; then datapath_prepare & DP_PID=$!; fi
T_NETWORK=$(since "$t")

t=$(now)
if has_service nova; then
  nova_seed_wait
  nova_metadata_wait "$(deadline 60)"
fi
has_service compute && nova_api_wait "$(deadline 60)"
if has_service metadata; then
  recorder_wait "$(deadline 20)"
  router=$(jq -r '.routers["alpha-router"].id' "$LAB_DIR/data/network.json")
  agent_wait "$(deadline 60)" "$router" 10.0.0.10
fi
T_NOVA=$(since "$t")

t=$(now)
if has_service datapath; then
  wait "$DP_PID" || die "the data path failed to start (see above)"
  datapath_wait "$(deadline 300)"   # first router sync: 20 s idle, 170 s at load 15
fi
T_DATAPATH=$(since "$t")

(cd "$LAB_HOME/seed" && "$PY" outputs.py "$SERVICES") >>"$LAB_DIR/log/seed.log" 2>&1 ||
  fail_service seed "writing outputs failed"

# The OVN variant beside this lab (tests/lab/ovn; exit 2 = cannot run on this machine).
if has_service ovn; then bash "$LAB_HOME/ovn/up.sh" || [ $? = 2 ] || die "the OVN lab failed (see above)"; fi

# --- report ---------------------------------------------------------------------------------
running=""
for s in $ALL_PIDS; do
  svc_running "$s" && running="$running $s($(svc_pid "$s"))"
done
STARTED=""; for s in $ALL_PIDS; do
  pid=$(svc_pid "$s") || continue          # (re)started = running now under a new pid
  case " $BEFORE " in *" $s:$pid "*) ;; *) STARTED="$STARTED $s" ;; esac; done
log "started:${STARTED:- nothing new (all were running)}"
log "running:$running"
cat <<EOF
  keystone        http://127.0.0.1:5000/v3   (token expiration 900 s)
  neutron-server  http://127.0.0.1:9696
  postgres        127.0.0.1:$PG_PORT
EOF
has_service metadata && cat <<EOF
  rabbitmq        127.0.0.1:5672
  metadata agent  unix:$(agent_socket)  (secret $LAB_SECRET)
  recorder        http://127.0.0.1:8775  (GET/DELETE /__captured; log/metadata-capture.jsonl)
EOF
has_service nova && echo "  nova metadata   http://127.0.0.1:8776"
has_service compute && echo "  nova compute    http://127.0.0.1:8774/v2.1"
has_service datapath && echo "  data path       namespaces $(ip netns list | awk '/^inst-/{printf "%s ", $1}')(npm run lab:curl -- NAME PATH; tests/lab/fault.sh list)"
cat <<EOF
  files: $LAB_DIR/topology.json
         $LAB_DIR/clouds.yaml + $LAB_DIR/secure.yaml   (OS_CLOUD=lab-admin|lab-alice|lab-bob|lab-reader|lab-alice-appcred|lab-admin-appcred|lab-admin-domain)
         $LAB_DIR/lab.env   (source it)
         logs in $LAB_DIR/log/
EOF
log "timings (s): packages $T_PKG, postgres $T_PG, init+start+identity seed $T_INIT, network seed $T_NETWORK, nova seed+metadata $T_NOVA, data path $T_DATAPATH, total $(since "$T0")"
