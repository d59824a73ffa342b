#!/usr/bin/env bash
# Checks a running OVN lab end to end, with the real services only: daemons, Neutron's agent
# list, metadata ports, bindings, DHCP inside the instances, metadata from inside them (curl and
# cloud-init's own reader), and the real OVN agent's answers on its socket, verified at the
# recorder. Last line: "N passed, M failed"; exit 1 if any failed.
set -uo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
. "$OVN_HOME/instances.sh"
[ -f "$OVN_LAB_DIR/topology.json" ] || { echo "no OVN lab at $OVN_LAB_DIR"; exit 1; }
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); printf '  ok    %s\n' "$1"; }
ko() { FAIL=$((FAIL + 1)); printf '  FAIL  %s%s\n' "$1" "${2:+ ($2)}"; }
eq() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "got '$2', want '$3'"; fi; }
T0=$(now)

for s in ovsdb-nb ovsdb-sb ovsdb-local vswitchd northd controller neutron agent; do
  svc_running "$s" && ok "$s runs" || ko "$s runs"
done

OVN_TOKEN=$(ovn_token); export OVN_TOKEN
api() { ovn_api GET "$1"; }
agents=$(api agents | jq -r '[.agents[]|"\(.agent_type)@\(.host)=\(.alive)"]|sort|join(" ")')
eq "neutron agent list: OVN controller + metadata agent alive on $OVN_HOST" "$agents" \
  "OVN Controller agent@$OVN_HOST=true OVN Metadata agent@$OVN_HOST=true"

for net in alpha-net beta-net; do
  id=$(topo ".networks[\"$net\"].id")
  eq "$net: metadata port (network:distributed) has 10.0.0.2" \
    "$(api "ports?network_id=$id&device_owner=network:distributed" | jq -r '[.ports[].fixed_ips[].ip_address]|join(",")')" 10.0.0.2
  eq "$net: NB localport for the metadata port" "$(ovn-nbctl --bare --columns=type find Logical_Switch_Port \
    "external_ids:\"neutron:device_owner\"=\"network:distributed\"" "external_ids:\"neutron:network_name\"=\"neutron-$id\"")" localport
done
# ACTIVE comes a few seconds after the plug on a fresh lab (router interface provisioning retries).
for vm in $OVN_VMS; do
  port=$(topo ".instances[\"$vm\"].portId") st=""
  for _ in $(seq 1 60); do st=$(api "ports/$port" | jq -r .port.status); [ "$st" = ACTIVE ] && break; sleep 0.5; done
  eq "$vm: port ACTIVE in Neutron" "$st" ACTIVE
  eq "$vm: Port_Binding claimed by $OVN_CHASSIS" "$(ovn-sbctl --bare --columns=name list Chassis \
    "$(ovn-sbctl --bare --columns=chassis find Port_Binding logical_port="$port")" 2>/dev/null)" "$OVN_CHASSIS"
  ns=$(vm_ns "$vm")
  eq "$vm: DHCP lease $(topo ".instances[\"$vm\"].ip")/24 on eth0" \
    "$(ip -n "$ns" -4 -o addr show eth0 | awk '{print $4}')" "$(topo ".instances[\"$vm\"].ip")/24"
  eq "$vm: route to 169.254.169.254 via the metadata port" "$(ip -n "$ns" route get 169.254.169.254 | awk '/via/{print $3}')" 10.0.0.2
  eq "$vm: meta_data.json from inside is its own" \
    "$(vm_curl "$vm" /openstack/latest/meta_data.json | jq -r .uuid)" "$(topo ".instances[\"$vm\"].id")"
  eq "$vm: haproxy in ovnmeta-<net>" "$(ip netns pids "ovnmeta-$(topo ".instances[\"$vm\"].networkId")" 2>/dev/null |
    xargs -r -I{} cat /proc/{}/comm | grep -c haproxy)" 1
done
crawl=$(ip netns exec "$(vm_ns alpha-vm1)" "$PY" "$OVN_HOME/crawl.py" 2>/dev/null)
eq "cloud-init's reader inside alpha-vm1: uuid, user data" "$(jq -r '"\(.uuid) \(.userData|.[0:13])"' <<<"$crawl")" \
  "$(topo '.instances["alpha-vm1"].id') #cloud-config"

# The real agent's answers on its socket (Zed), checked at the recorder by a unique query.
SOCK=$(topo .agentSocket) ALPHA=$(topo '.networks["alpha-net"].id') BETA=$(topo '.networks["beta-net"].id')
tag="ovncheck-$$-$RANDOM"
sock() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 --unix-socket "$SOCK" "$@" \
  "http://169.254.169.254/openstack/latest/meta_data.json?$tag=$N"; }
captured() { curl -s --max-time 5 http://127.0.0.1:8775/__captured |
  jq -r --arg q "$tag=$N" '[.[]|select(.query==$q)]|if length==0 then "none" else .[-1]|"\(.instanceId) \(.tenantId) \(.forwardedFor) \(.signatureValid)" end'; }
N=1; eq "socket: alpha-net + 10.0.0.10 -> 200" "$(sock -H "X-OVN-Network-ID: $ALPHA" -H 'X-Forwarded-For: 10.0.0.10')" 200
eq "  recorder: alpha-vm1, alpha, 10.0.0.10, signature valid" "$(captured)" \
  "$(topo '.instances["alpha-vm1"].id') $(topo .projects.alpha) 10.0.0.10 true"
N=2; eq "socket: beta-net + 10.0.0.10 -> 200" "$(sock -H "X-OVN-Network-ID: $BETA" -H 'X-Forwarded-For: 10.0.0.10')" 200
eq "  recorder: beta-vm1, beta" "$(captured | cut -d' ' -f1,2)" "$(topo '.instances["beta-vm1"].id') $(topo .projects.beta)"
while IFS='|' read -r n what code hdrs; do
  N=$n; eval "args=($hdrs)"
  eq "socket: $what -> $code, nothing forwarded" "$(sock "${args[@]}") $(captured)" "$code none"
done <<EOT
3|unknown IP 10.0.0.99|404|-H "X-OVN-Network-ID: $ALPHA" -H 'X-Forwarded-For: 10.0.0.99'
4|port bound in Neutron, no chassis (10.0.0.20)|404|-H "X-OVN-Network-ID: $ALPHA" -H 'X-Forwarded-For: 10.0.0.20'
5|link-local of alpha-vm1's MAC (Zed: no MAC lookup)|404|-H "X-OVN-Network-ID: $ALPHA" -H 'X-Forwarded-For: fe80::f816:3eff:fea1:1'
6|no X-OVN-Network-ID|404|-H 'X-Forwarded-For: 10.0.0.10'
7|no X-Forwarded-For|404|-H "X-OVN-Network-ID: $ALPHA"
8|X-Neutron-Network-ID instead (ML2/OVS header)|404|-H "X-Neutron-Network-ID: $ALPHA" -H 'X-Forwarded-For: 10.0.0.10'
9|the metadata localport 10.0.0.2|404|-H "X-OVN-Network-ID: $ALPHA" -H 'X-Forwarded-For: 10.0.0.2'
10|beta-net + alpha's 10.0.0.20|404|-H "X-OVN-Network-ID: $BETA" -H 'X-Forwarded-For: 10.0.0.20'
EOT
echo "$PASS passed, $FAIL failed ($(since "$T0") s)"
[ "$FAIL" = 0 ]
