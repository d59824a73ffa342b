#!/usr/bin/env bash
# OVN faults, switchable like the ML2 ones: each breaks the real thing on alpha-net / alpha-vm1
# (beta stays healthy as the control) and prints what the instance then sees.
#   fault.sh list | status | on NAME | off NAME | off-all | symptom
# Faults:
#   agent-stopped        neutron-ovn-metadata-agent stopped (its haproxies keep running)
#   haproxy-killed       the haproxy in ovnmeta-<alpha-net> killed
#   dhcp-off             DHCP disabled on alpha-subnet (the instance renews its lease)
#   port-unclaimed       alpha-vm1's VIF loses its iface-id: no chassis claims the port
#   metadata-port-no-ip  alpha-net's network:distributed port without its IP
#   dup-ip               a second bound OVN port with 10.0.0.10 on alpha-net, made in OVN only
#                        (Neutron cannot have it: the drift neutron-ovn-db-sync-util fixes)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
. "$OVN_HOME/services.sh"
. "$OVN_HOME/instances.sh"
[ -f "$OVN_LAB_DIR/topology.json" ] || die "no OVN lab at $OVN_LAB_DIR"
FAULTS="agent-stopped haproxy-killed dhcp-off port-unclaimed metadata-port-no-ip dup-ip"
STATE=$DATA/faults; mkdir -p "$STATE"
NET=$(topo '.networks["alpha-net"].id') SUBNET=$(topo '.networks["alpha-net"].subnetId')
MDPORT=$(topo '.networks["alpha-net"].metadataPort.id') VM=alpha-vm1
PORT=$(topo '.instances["alpha-vm1"].portId') MAC=$(topo '.instances["alpha-vm1"].mac')

# What alpha-vm1 sees: HTTP status (000 = no answer) and curl's exit code.
symptom() {
  local code rc=0
  code=$(vm_curl "$VM" /openstack/latest/meta_data.json -o /dev/null -w '%{http_code}' --max-time 4) || rc=$?
  local route; route=$(ip -n "$(vm_ns "$VM")" route get 169.254.169.254 2>/dev/null | awk '/via/{print $3}' || true)
  echo "symptom: http ${code:-000} curl-rc $rc route-via ${route:-none}"
}

wait_until() { # seconds command...: poll until the command succeeds
  local end=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$end" ] || return 1; sleep 0.3; done
}
meta_ok() { [ "$(vm_curl "$VM" /openstack -o /dev/null -w '%{http_code}' --max-time 3)" = 200 ]; }
haproxy_pid() { cat "$DATA/metadata-agent/external/pids/$NET.pid.haproxy" 2>/dev/null; }
renew() { vm_dhcp_stop "$VM"; ip netns exec "$(vm_ns "$VM")" dhclient -4 -r -pf "$RUN/dhclient-$VM.pid" \
  -lf "$DATA/dhclient-$VM.leases" eth0 >/dev/null 2>&1 || true
  ip netns exec "$(vm_ns "$VM")" ip -4 addr flush dev eth0
  ip netns exec "$(vm_ns "$VM")" timeout 8 dhclient -4 -1 -pf "$RUN/dhclient-$VM.pid" -lf "$DATA/dhclient-$VM.leases" eth0 >/dev/null 2>&1; }
md_ip() { ovn_api GET "ports/$MDPORT" | jq -r '[.port.fixed_ips[].ip_address]|join(",")'; }

on() {
  case $1 in
    agent-stopped) stop_svc agent TERM 10 ;;
    haproxy-killed) local p; p=$(haproxy_pid); [ -n "$p" ] && grep -q haproxy "/proc/$p/comm" && kill -KILL "$p" ;;
    dhcp-off) ovn_api PUT "subnets/$SUBNET" '{"subnet":{"enable_dhcp":false}}' >/dev/null
      wait_until 20 test -z "$(md_ip)"; renew || true ;;
    port-unclaimed) ovs-vsctl remove Interface "${OVN_VM_VETH[$VM]}" external_ids iface-id
      wait_until 20 test -z "$(ovn-sbctl --bare --columns=chassis find Port_Binding logical_port="$PORT")" ;;
    # A running agent keeps serving from the namespace it made; its next sync (a restart, a
    # reboot of the chassis) finds no IP and tears ovnmeta- down: restart it to see that.
    metadata-port-no-ip) ovn_api PUT "ports/$MDPORT" '{"port":{"fixed_ips":[]}}' >/dev/null
      wait_until 20 test -z "$(md_ip)"; stop_svc agent TERM 10; agent_ovn_start
      wait_until 90 test ! -e "/run/netns/ovnmeta-$NET" || true ;;
    dup-ip) ovn-nbctl --may-exist lsp-add "neutron-$NET" ovnlab-dup -- \
        set Logical_Switch_Port ovnlab-dup 'addresses="fa:16:3e:00:00:99 10.0.0.10"'
      ip netns list | grep -qw ovnvm-dup || ip netns add ovnvm-dup
      ip link show ovnvm-dup0 >/dev/null 2>&1 || { ip link add ovnvm-dup0 type veth peer name eth0 netns ovnvm-dup
        ip link set ovnvm-dup0 addrgenmode none; }
      ip link set ovnvm-dup0 up; ip -n ovnvm-dup link set eth0 address fa:16:3e:00:00:99 up
      ovs-vsctl --may-exist add-port br-int ovnvm-dup0 -- set Interface ovnvm-dup0 external_ids:iface-id=ovnlab-dup
      wait_until 20 test -n "$(ovn-sbctl --bare --columns=chassis find Port_Binding logical_port=ovnlab-dup)" ;;
    *) die "unknown fault '$1' (known: $FAULTS)" ;;
  esac
  touch "$STATE/$1"
}

off() {
  case $1 in
    agent-stopped) agent_ovn_start; agent_ovn_register "$(( $(date +%s) + 60 ))" ;;
    haproxy-killed) stop_svc agent TERM 10; agent_ovn_start ;;   # the agent respawns it on start
    dhcp-off) ovn_api PUT "subnets/$SUBNET" '{"subnet":{"enable_dhcp":true}}' >/dev/null
      wait_until 20 test -n "$(md_ip)"; wait_until 30 renew ;;
    port-unclaimed) ovs-vsctl set Interface "${OVN_VM_VETH[$VM]}" external_ids:iface-id="$PORT" ;;
    metadata-port-no-ip) ovn_api PUT "ports/$MDPORT" \
        "{\"port\":{\"fixed_ips\":[{\"subnet_id\":\"$SUBNET\",\"ip_address\":\"10.0.0.2\"}]}}" >/dev/null
      stop_svc agent TERM 10; agent_ovn_start ;;
    dup-ip) ovs-vsctl --if-exists del-port br-int ovnvm-dup0; ip link del ovnvm-dup0 2>/dev/null || true
      ip netns del ovnvm-dup 2>/dev/null || true; ovn-nbctl --if-exists lsp-del ovnlab-dup ;;
    *) die "unknown fault '$1' (known: $FAULTS)" ;;
  esac
  rm -f "$STATE/$1"
  wait_until 300 meta_ok || die "alpha-vm1 has no metadata 300 s after turning $1 off"
}

case ${1:-list} in
  list) echo "$FAULTS" | tr ' ' '\n' ;;
  status) for f in $FAULTS; do [ -e "$STATE/$f" ] && echo "$f on" || echo "$f off"; done ;;
  symptom) symptom ;;
  on) [ -n "${2:-}" ] || die "on NAME"; t=$(now); on "$2"; sleep 1; log "$2 on in $(since "$t") s"; symptom ;;
  off) [ -n "${2:-}" ] || die "off NAME"; t=$(now); off "$2"; log "$2 off in $(since "$t") s"; symptom ;;
  off-all) for f in $FAULTS; do [ -e "$STATE/$f" ] && off "$f"; done; symptom ;;
  *) die "usage: fault.sh list|status|symptom|on NAME|off NAME|off-all" ;;
esac
