#!/usr/bin/env bash
# Stop the OVN lab: instances (dhclient, netns, veths), the agent and its haproxies, neutron-server,
# OVN and OVS daemons, each by its pid file (command-line checked). The control-plane lab is not
# touched. State stays for the next up.sh; --purge also drops the lab dir, the neutron_ovn
# database (the Keystone region stays: harmless).
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
. "$OVN_HOME/services.sh"
. "$OVN_HOME/instances.sh"
T0=$(now)
if [ ! -d "$RUN" ]; then log "no OVN lab at $OVN_LAB_DIR"; else
  for vm in $OVN_VMS; do vm_unplug "$vm"; done
  ovn_stop_all
  # The agent's ovnmeta-<net> namespaces and their host-side veths (our networks only).
  for net in $(jq -r '.networks[].id' "$OVN_LAB_DIR/topology.json" 2>/dev/null); do
    ip netns del "ovnmeta-$net" 2>/dev/null || true
    ip link del "tap${net:0:10}0" 2>/dev/null || true
  done
  log "OVN lab stopped in $(since "$T0") s"
fi
if [ "${1:-}" = "--purge" ]; then
  if shared_lab_ready 2>/dev/null; then
    psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS neutron_ovn" >/dev/null || true
  fi
  rm -rf "$OVN_LAB_DIR"
  log "removed $OVN_LAB_DIR and the neutron_ovn database"
fi
