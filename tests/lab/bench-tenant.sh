#!/usr/bin/env bash
# The 5,000-port bench tenant: project "stacklens-bench-big" with one network (10.96.0.0/19) and
# BENCH_PORTS plain ports, served by the lab's real neutron-server. Used by bench/topology-fetch.
#
#   bash tests/lab/bench-tenant.sh up       # make it (idempotent; ~10 s instead of 8-17 min)
#   bash tests/lab/bench-tenant.sh down     # remove it (ports, network, project)
#   bash tests/lab/bench-tenant.sh status   # how many ports it has
#
# Why SQL: Neutron creates about 5 ports/s here (8-17 minutes for 5,000, all of the single API
# worker's time). So one template port is made through the API and cloned in one transaction:
# every row Neutron wrote for it (port, standard attributes, IP allocation and its IPAM record,
# port security, binding, security group binding) is copied with a new id, MAC, IP and name.
# The other lab data is untouched and the integration tests keep their seeded projects.
set -euo pipefail
LAB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$LAB_HOME/lib/common.sh"

PROJECT=stacklens-bench-big
NET=bench-big-net
CIDR=10.96.0.0/19
BENCH_PORTS="${BENCH_PORTS:-5000}"

[ -f "$LAB_DIR/lab.env" ] || die "no lab at $LAB_DIR (start it with npm run lab:up)"
. "$LAB_DIR/lab.env"
OS_PASSWORD="$(jq -r .users.admin.password "$LAB_DIR/topology.json")"
export OS_PASSWORD
OSC=/usr/bin/openstack
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d neutron -v ON_ERROR_STOP=1 -qAt "$@"; }

project_id() { $OSC project show "$PROJECT" -f value -c id 2>/dev/null || true; }
port_count() { sql -c "select count(*) from ports where project_id = '$1'"; }

up() {
  local t0 pid net sub tpl have
  t0=$(now)
  pid=$(project_id)
  if [ -z "$pid" ]; then
    pid=$($OSC project create "$PROJECT" --domain default --description 'StackLens bench: 5,000 ports' -f value -c id)
  fi
  have=$(port_count "$pid")
  if [ "$have" -ge "$BENCH_PORTS" ]; then
    log "bench tenant: $PROJECT has $have ports (target $BENCH_PORTS)"
    return
  fi
  $OSC quota set --ports -1 "$pid" >/dev/null
  net=$($OSC network list --project "$pid" --name "$NET" -f value -c ID | head -n1)
  [ -n "$net" ] || net=$($OSC network create "$NET" --project "$pid" -f value -c id)
  sub=$($OSC subnet list --network "$net" -f value -c ID | head -n1)
  [ -n "$sub" ] || sub=$($OSC subnet create bench-big-subnet --project "$pid" --network "$net" --subnet-range "$CIDR" --no-dhcp -f value -c id)
  tpl=$(sql -c "select id from ports where network_id = '$net' order by name limit 1")
  [ -n "$tpl" ] || tpl=$($OSC port create bench-0 --project "$pid" --network "$net" -f value -c id)
  have=$(port_count "$pid")
  log "bench tenant: cloning port $tpl into $((BENCH_PORTS - have)) more ports"
  sql -v tpl="$tpl" -v have="$have" -v want="$BENCH_PORTS" -f "$LAB_HOME/bench-tenant.sql"
  log "bench tenant: $PROJECT has $(port_count "$pid") ports ($(since "$t0") s)"
}

down() {
  local pid net
  pid=$(project_id)
  [ -n "$pid" ] || { log "bench tenant: no project $PROJECT"; return; }
  # Deleting the standard attributes cascades to the ports and every per-port row; IPAM records go
  # with their subnet's pool. Then the API removes the (now empty) network and the project.
  sql -c "begin;
    delete from ipamallocations where ipam_subnet_id in (select s.id from ipamsubnets s join subnets n on n.id = s.neutron_subnet_id where n.project_id = '$pid')
      and ip_address in (select a.ip_address from ipallocations a join ports p on p.id = a.port_id where p.project_id = '$pid');
    delete from standardattributes where id in (select standard_attr_id from ports where project_id = '$pid');
    commit;"
  for net in $($OSC network list --project "$pid" -f value -c ID); do $OSC network delete "$net"; done
  $OSC project delete "$pid"
  log "bench tenant: removed $PROJECT"
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  status) pid=$(project_id); echo "${pid:+$PROJECT $pid: $(port_count "$pid") ports}" ;;
  *) die "usage: $0 up|down|status" ;;
esac
