# "Instances" as network namespaces plugged into br-int, the way nova + os-vif plug a VM:
# netns ovnvm-<vm>, veth eth0 (port MAC, MTU 1442) <-> ovnvm-xx on br-int with
# external_ids:iface-id = the Neutron port id. ovn-controller claims it, OVN's native DHCP
# (pinctrl) gives the address and the 169.254.169.254 route through the metadata port.

vm_ns() { echo "ovnvm-$1"; }

# Undone by vm_unplug; the instance keeps its lease file for a faster re-plug.
vm_plug() { # vm port-id mac instance-uuid
  local vm=$1 port=$2 mac=$3 uuid=$4 ns host
  ns=$(vm_ns "$vm"); host=${OVN_VM_VETH[$vm]}
  ip netns list | grep -qw "$ns" || ip netns add "$ns"
  if ! ip link show "$host" >/dev/null 2>&1; then
    ip link add "$host" type veth peer name eth0 netns "$ns"
    # No IPv6 link-local on the host end (the kernel would give every veth that goes up one).
    ip link set "$host" addrgenmode none
  fi
  ip link set "$host" mtu $OVN_MTU up
  ip netns exec "$ns" ip link set eth0 address "$mac" mtu $OVN_MTU
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip link set eth0 up
  # OVS's userspace datapath reads veths with AF_PACKET and does not complete offloaded TCP
  # checksums: with tx checksumming on, TCP to 169.254.169.254 times out while ping works.
  ethtool -K "$host" tx off >/dev/null 2>&1
  ip netns exec "$ns" ethtool -K eth0 tx off >/dev/null 2>&1
  ovs-vsctl --timeout=10 --may-exist add-port br-int "$host" -- set Interface "$host" \
    external_ids:iface-id="$port" external_ids:attached-mac="$mac" \
    external_ids:iface-status=active external_ids:vm-uuid="$uuid"
}

vm_dhcp() { # vm deadline: a lease from OVN's native DHCP (dhclient, its own pid/lease files)
  local vm=$1 deadline=$2 ns; ns=$(vm_ns "$vm")
  mkdir -p "/etc/netns/$ns"; [ -f "/etc/netns/$ns/resolv.conf" ] || : >"/etc/netns/$ns/resolv.conf"
  vm_dhcp_stop "$vm"
  until ip netns exec "$ns" timeout 15 dhclient -4 -1 -v -pf "$RUN/dhclient-$vm.pid" \
      -lf "$DATA/dhclient-$vm.leases" eth0 >>"$LAB_DIR/log/dhclient-$vm.log" 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || fail_service "dhclient-$vm" "no DHCP lease from OVN"
    sleep 0.5
  done
}

vm_dhcp_stop() { # the dhclient we started for this vm, by its pid file and command line
  local pid f="$RUN/dhclient-$1.pid"
  [ -f "$f" ] || return 0
  read -r pid <"$f" || true
  if [ -n "${pid:-}" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$f"; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

vm_unplug() { # vm
  local vm=$1 ns host; ns=$(vm_ns "$vm"); host=${OVN_VM_VETH[$vm]}
  vm_dhcp_stop "$vm"
  ovs-vsctl --timeout=5 --if-exists del-port br-int "$host" 2>/dev/null || true
  ip link del "$host" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "/etc/netns/$ns"
}

# A metadata request from inside the instance, as cloud-init would make it.
vm_curl() { # vm path [curl args...]
  local vm=$1 path=$2; shift 2
  ip netns exec "$(vm_ns "$vm")" curl -s --max-time 5 "$@" "http://169.254.169.254$path"
}
