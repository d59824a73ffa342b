#!/usr/bin/env bash
# Stop the StackLens lab: every process by the pid recorded in $LAB_DIR/run (checked against
# its command-line marker; zombies count as gone). State stays for a restart with up.sh;
# `down.sh --purge` also deletes the lab dir.
set -euo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB_HOME/lib/common.sh"
. "$LAB_HOME/lib/postgres.sh"
. "$LAB_HOME/lib/neutron.sh"
. "$LAB_HOME/lib/rabbit.sh"
. "$LAB_HOME/lib/datapath.sh"
T0=$(now)
if [ ! -d "$LAB_DIR/run" ]; then log "no lab at $LAB_DIR"; else
  bash "$LAB_HOME/ovn/down.sh" "$@" || true   # the OVN variant uses this lab's PostgreSQL
  datapath_stop              # instances, agents and what they spawned, namespaces, bridges
  stop_svc agent TERM 10
  # neutron-server needs ~5 s (graceful_shutdown_timeout); stop the uwsgi apps meanwhile.
  neutron_stop & jobs_=($!)
  for s in nova-api nova-metadata keystone; do stop_svc "$s" INT 15 & jobs_+=($!); done
  stop_svc recorder TERM 5
  for j in "${jobs_[@]}"; do wait "$j" || true; done
  rabbit_stop
  pg_stop
  # Anything else with a pid file (older layouts): same rules.
  for f in "$LAB_DIR"/run/*.pid; do [ -e "$f" ] && stop_svc "$(basename "$f" .pid)" TERM 10; done
  log "lab stopped in $(since "$T0") s"
fi
if [ "${1:-}" = "--purge" ]; then
  pg_real=$(readlink -f "$LAB_DIR/pg" 2>/dev/null || true)
  case "$pg_real" in /var/tmp/stacklens-pg-*) rm -rf "$pg_real" ;; esac
  rm -rf "$LAB_DIR"
  log "removed $LAB_DIR"
fi
