# Shared by the OVN lab's scripts (tests/lab/ovn): paths, the OVS/OVN tools' environment, and the
# control-plane lab's helpers (pid files, probes, templates) pointed at the OVN lab's own dir.
# The OVN lab runs BESIDE the control-plane lab: it uses that lab's PostgreSQL, Keystone and
# recorder and never starts, stops or reconfigures any of its services.

OVN_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_HOME=$(dirname "$OVN_HOME")
SHARED_LAB_DIR="${LAB_DIR:-/var/tmp/stacklens-lab}"
OVN_LAB_DIR="${OVN_LAB_DIR:-$SHARED_LAB_DIR-ovn}"   # beside its lab: a CI lab gets its own
# shellcheck source=/dev/null
. "$LAB_HOME/lib/common.sh"
# shellcheck source=/dev/null
. "$LAB_HOME/lib/packages.sh"
# shellcheck source=/dev/null
. "$LAB_HOME/lib/postgres.sh"
# shellcheck source=/dev/null
. "$LAB_HOME/lib/dbcache.sh"
# common.sh's pid files, logs and templates live under LAB_DIR: here that is the OVN lab's dir.
LAB_DIR=$OVN_LAB_DIR
log() { printf '[ovn-lab %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[ovn-lab] ERROR: %s\n' "$*" >&2; exit 1; }

OVN_PACKAGES="ovn-central ovn-host openvswitch-switch neutron-ovn-metadata-agent ethtool haproxy
iptables isc-dhcp-client iproute2 cloud-init python3-ovsdbapp"
OVN_NEUTRON_PORT=9700
OVN_REGION=RegionOVN
OVN_CHASSIS=ovnlab-chassis
OVN_HOST=ovnlab-host                 # = the ports' binding:host_id, or ML2/OVN refuses to bind
OVN_MTU=1442                         # geneve over an IPv4 underlay
SERVICE_PORT=([neutron]=$OVN_NEUTRON_PORT)   # our service names, our ports
ETC=$OVN_LAB_DIR/etc RUN=$OVN_LAB_DIR/run DB=$OVN_LAB_DIR/db DATA=$OVN_LAB_DIR/data

# Every OVS/OVN tool finds its sockets, pid files and databases in the OVN lab's dir.
export OVS_RUNDIR=$RUN OVS_LOGDIR=$OVN_LAB_DIR/log OVS_DBDIR=$DB OVS_SYSCONFDIR=$ETC
export OVN_RUNDIR=$RUN OVN_LOGDIR=$OVN_LAB_DIR/log OVN_DBDIR=$DB OVN_SYSCONFDIR=$ETC
export OVN_NB_DB=unix:$RUN/ovnnb_db.sock OVN_SB_DB=unix:$RUN/ovnsb_db.sock
export DB_SOCK=$RUN/db.sock

# The "instances": netns ovnvm-<vm> with eth0 = the port's MAC, plugged into br-int.
# name -> host-side veth name (<= 15 chars) ; the seed writes the ports to topology.json.
declare -A OVN_VM_VETH=([alpha-vm1]=ovnvm-a1 [beta-vm1]=ovnvm-b1)
OVN_VMS="alpha-vm1 beta-vm1"

topo() { jq -r "$1" "$OVN_LAB_DIR/topology.json"; }
agent_socket_ovn() { echo "$RUN/metadata_proxy"; }
neutron_confs_ovn() { echo "--config-file $ETC/neutron.conf --config-file $ETC/ml2_conf.ini"; }

# The OVN metadata agent's privsep daemons and haproxies are re-parented to pid 1: find them by
# their command line, which names our config (never by a broad name).
ovn_strays() {
  local p
  for p in $(pgrep -f -- "privsep-helper .*$ETC/neutron_ovn_metadata_agent.ini" 2>/dev/null); do echo "$p"; done
  for p in $(pgrep -f -- "$DATA/metadata-agent/" 2>/dev/null); do echo "$p"; done
}

shared_lab_ready() { # the control plane we depend on: PostgreSQL, Keystone, the recorder
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1 || return 1
  curl -sf -o /dev/null --max-time 3 http://127.0.0.1:5000/v3 || return 1
  curl -sf -o /dev/null --max-time 3 http://127.0.0.1:8775/__captured || return 1
}

# Neutron (:9700) as the lab's admin, for check.sh and fault.sh: ovn_api METHOD PATH [JSON].
ovn_token() {
  [ -n "${OVN_TOKEN:-}" ] && { echo "$OVN_TOKEN"; return; }
  OVN_TOKEN=$(curl -s -i --max-time 10 -H 'Content-Type: application/json' -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],
    \"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"},\"password\":\"$(topo .users.admin.password)\"}}},
    \"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}}}" "$(topo .authUrl)/auth/tokens" |
    awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r')
  echo "$OVN_TOKEN"
}
ovn_api() { # METHOD PATH [JSON]
  curl -s --max-time 30 -X "$1" -H "X-Auth-Token: $(ovn_token)" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$(topo .networkUrl)/v2.0/$2"
}
