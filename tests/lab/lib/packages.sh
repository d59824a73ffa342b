# Install the Debian packages the lab needs, only those missing (naming an installed one
# would make apt upgrade it). Postinst scripts must not start the distro's daemons.

LAB_PACKAGES="python3-keystone python3-openstackclient uwsgi-plugin-python3 neutron-common
rabbitmq-server nova-common postgresql python3-psycopg2 curl jq openssl cloud-init"
# The data path (service `datapath`): the three agents and what they run (dnsmasq, haproxy,
# iptables inside qrouter-, ebtables, radvd come with them), ping, dhclient and ipset.
DATAPATH_PACKAGES="neutron-linuxbridge-agent neutron-l3-agent neutron-dhcp-agent dnsmasq-base
haproxy iputils-ping iptables ipset isc-dhcp-client iproute2"

missing_packages() {
  local p
  local want=$LAB_PACKAGES
  has_service datapath && want="$want $DATAPATH_PACKAGES"
  for p in $want; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || echo "$p"
  done
}

ensure_packages() {
  local missing; missing=$(missing_packages | tr '\n' ' ')
  [ -z "${missing// }" ] && return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  log "installing missing packages: $missing"
  local t0; t0=$(now)
  local rc_created=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # exit 101 = "action forbidden": invoke-rc.d then starts no daemon from a postinst.
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod 755 /usr/sbin/policy-rc.d
    rc_created=1
  fi
  local rc=0
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || rc=$?
  [ $rc = 0 ] && { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    $missing || rc=$?; }
  [ -n "$rc_created" ] && $sudo rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || die "apt-get failed (exit $rc) installing: $missing"
  log "packages installed in $(since "$t0") s"
}
