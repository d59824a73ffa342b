#!/usr/bin/env bash
# Start (or converge) the OVN lab beside the running control-plane lab: NB/SB/local ovsdb-server,
# ovn-northd, ovs-vswitchd (userspace datapath), ovn-controller, neutron-server with ML2/OVN on
# :9700 (database neutron_ovn in the lab's PostgreSQL), the real neutron-ovn-metadata-agent
# (forwarding to the lab's recorder), the seed, and the instances as namespaces on br-int with
# a lease from OVN's native DHCP. Idempotent. Env: LAB_DIR (the control-plane lab),
# OVN_LAB_DIR (default $LAB_DIR-ovn, i.e. /var/tmp/stacklens-lab-ovn).
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
. "$OVN_HOME/services.sh"
. "$OVN_HOME/instances.sh"
T0=$(now)
[ "$(id -u)" = 0 ] || { echo "[ovn-lab] SKIP: the OVN lab needs root (network namespaces, Open vSwitch)"; exit 2; }
ip netns list >/dev/null 2>&1 || { echo "[ovn-lab] SKIP: no network namespaces here"; exit 2; }
case "$OVN_LAB_DIR" in /*) ;; *) die "OVN_LAB_DIR must be an absolute path" ;; esac
mkdir -p "$ETC" "$RUN" "$DB" "$DATA/neutron/lock" "$DATA/metadata-agent" "$OVN_LAB_DIR/log"
chmod 755 "$OVN_LAB_DIR"

LAB_PACKAGES=$OVN_PACKAGES ensure_packages
shared_lab_ready || die "the control-plane lab ($SHARED_LAB_DIR: PostgreSQL :$PG_PORT, Keystone :5000, recorder :8775) is not up; start it with npm run lab:up"
[ -s "$SHARED_LAB_DIR/data/identity.json" ] || die "$SHARED_LAB_DIR/data/identity.json is missing (the lab's identity seed)"

# --- configs ---------------------------------------------------------------------------------
export NEUTRON_OVN_DB LAB_SECRET OVN_NEUTRON_PORT OVN_HOST DATA RUN
NEUTRON_OVN_DB=$(pg_url neutron_ovn)
CHANGED=""
c=""; render "$OVN_HOME/conf/neutron.conf" "$ETC/neutron.conf" && c=1
render "$OVN_HOME/conf/ml2_conf.ini" "$ETC/ml2_conf.ini" && c=1
[ -n "$c" ] && CHANGED="$CHANGED neutron"
render "$OVN_HOME/conf/neutron_ovn_metadata_agent.ini" "$ETC/neutron_ovn_metadata_agent.ini" && CHANGED="$CHANGED agent"

# --- OVS/OVN and the database in parallel, then neutron-server -------------------------------
t=$(now)
neutron_ovn_db & DBJOB=$!
ovs_ovn_start
wait "$DBJOB" || die "the neutron_ovn database failed (see $OVN_LAB_DIR/log/neutron-init.log)"
T_OVN=$(since "$t")
t=$(now)
neutron_ovn_start
agent_ovn_start
dl=$(( $(date +%s) + 60 ))
wait_http neutron "http://127.0.0.1:$OVN_NEUTRON_PORT/" "$dl" '^200$'
# The chassis must exist before the seed binds ports to its host.
until ovn-sbctl --bare --columns=hostname list Chassis 2>/dev/null | grep -qx "$OVN_HOST"; do
  svc_running controller || fail_service controller "process exited"
  [ "$(date +%s)" -lt "$dl" ] || fail_service controller "chassis $OVN_CHASSIS never registered"
  sleep 0.2
done
T_NEUTRON=$(since "$t")

t=$(now)
pyenv_() { LAB_DIR=$SHARED_LAB_DIR OVN_LAB_DIR=$OVN_LAB_DIR OVN_NEUTRON_URL=http://127.0.0.1:$OVN_NEUTRON_PORT \
  OVN_REGION=$OVN_REGION OVN_HOST=$OVN_HOST OVN_CHASSIS=$OVN_CHASSIS "$PY" "$@"; }
pyenv_ "$OVN_HOME/seed.py" >>"$OVN_LAB_DIR/log/seed.log" 2>&1 || fail_service seed "the OVN seed failed"
pyenv_ "$OVN_HOME/outputs.py" >>"$OVN_LAB_DIR/log/seed.log" 2>&1 || fail_service seed "writing outputs failed"
T_SEED=$(since "$t")

t=$(now)
agent_ovn_register "$(( $(date +%s) + 60 ))"
until ovs-vsctl --timeout=2 br-exists br-int 2>/dev/null; do
  [ "$(date +%s)" -lt "$dl" ] || fail_service controller "ovn-controller never created br-int"; sleep 0.2
done
for vm in $OVN_VMS; do
  vm_plug "$vm" "$(topo ".instances[\"$vm\"].portId")" "$(topo ".instances[\"$vm\"].mac")" "$(topo ".instances[\"$vm\"].id")"
done
for vm in $OVN_VMS; do vm_dhcp "$vm" "$(( $(date +%s) + 30 ))" & eval "DH_$(echo "$vm" | tr -- - _)=\$!"; done
for vm in $OVN_VMS; do v=DH_$(echo "$vm" | tr -- - _); wait "${!v}" || die "no DHCP lease for $vm"; done
T_PLUG=$(since "$t")

# Ready = metadata works end to end from inside the first instance (ovnmeta- namespace + haproxy).
t=$(now)
dl=$(( $(date +%s) + 60 ))
first=${OVN_VMS%% *}
until [ "$(vm_curl "$first" /openstack -o /dev/null -w '%{http_code}' || true)" = 200 ]; do
  svc_running agent || fail_service agent "process exited"
  [ "$(date +%s)" -lt "$dl" ] || fail_service agent "no metadata from inside $first before the deadline"
  sleep 0.3
done
T_META=$(since "$t")

running=""
for s in ovsdb-nb ovsdb-sb ovsdb-local vswitchd northd controller neutron agent; do
  svc_running "$s" && running="$running $s($(svc_pid "$s"))"
done
log "running:$running"
cat <<EOT
  neutron-server (ML2/OVN)  http://127.0.0.1:$OVN_NEUTRON_PORT   (Keystone region $OVN_REGION)
  OVN metadata agent        unix:$(agent_socket_ovn)  -> recorder :8775
  NB / SB                   $OVN_NB_DB  $OVN_SB_DB
  instances                 $(for vm in $OVN_VMS; do printf '%s ' "ovnvm-$vm"; done)(ip netns exec ... curl http://169.254.169.254/)
  files                     $OVN_LAB_DIR/{topology.json,clouds.yaml,secure.yaml,ovn.env}
EOT
log "timings (s): ovs/ovn+db $T_OVN, neutron+chassis $T_NEUTRON, seed $T_SEED, agent+plug+dhcp $T_PLUG, metadata ready $T_META, total $(since "$T0")"
