# The data path (service `datapath`): neutron-linuxbridge-agent, neutron-l3-agent and
# neutron-dhcp-agent beside the lab's neutron-server; qrouter-/qdhcp- namespaces with haproxy,
# dnsmasq and radvd; instances as namespaces inst-<name>. Only the lab's own namespaces, bridges
# (brq<net>, vxlan-<vni>, $DP_EXT_BRIDGE) and veths are touched: no NIC, no host route, no address.
# Background: tests/lab/README.md "The data path"; docs/metadata-spec.md §1 to §3.

DP_EXT_BRIDGE=br-stacklens      # physnet1 (the `public` network): a bridge with no NIC, no IP
DP_AGENTS="lb-agent l3-agent dhcp-agent"
declare -A DP_AGENT_BIN=([lb-agent]=neutron-linuxbridge-agent [l3-agent]=neutron-l3-agent
  [dhcp-agent]=neutron-dhcp-agent)
declare -A DP_AGENT_INI=([lb-agent]=linuxbridge_agent [l3-agent]=l3_agent [dhcp-agent]=dhcp_agent)
# Instances that ask the lab's dnsmasq for their address; the others are configured statically
# with what DHCP would give (beta-net2 has no DHCP server).
export LAB_DHCP_INSTANCES="${LAB_DHCP_INSTANCES:-alpha-vm1 beta-vm4}"   # outputs.py reads it too
DP_DHCP_INSTANCES=$LAB_DHCP_INSTANCES

dp_ini() { echo "$LAB_DIR/conf/${DP_AGENT_INI[$1]}.ini"; }
dp_state() { echo "$LAB_DIR/neutron"; }
dp_json() { jq -r "$1" "$LAB_DIR/data/datapath.json"; }

# Why this machine cannot run the data path, or nothing. Probes with throwaway devices.
datapath_unsupported() {
  [ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, bridges, veths)"; return; }
  command -v ip >/dev/null || { echo "iproute2 (ip) is missing"; return; }
  local ns=stacklens-probe-$$ out
  out=$(ip netns add "$ns" 2>&1) || { echo "network namespaces are not allowed here: $out"; return; }
  if ! out=$(ip -n "$ns" link add p0 type bridge 2>&1 && ip -n "$ns" link add p1 type veth peer name p2 2>&1 &&
    ip -n "$ns" link add p3 type vxlan id 42 local 127.0.0.1 dstport 4789 2>&1); then
    echo "bridge, veth or vxlan links are not available: $out"
  fi
  ip netns del "$ns" 2>/dev/null || true
}

datapath_config() {
  export DP_EXT_BRIDGE DP_FIREWALL DP_ISOLATED_METADATA
  DP_FIREWALL=${LAB_DATAPATH_FIREWALL:-iptables}
  # fault.sh's isolated-metadata fault survives a re-run of up.sh.
  DP_ISOLATED_METADATA=true
  [ -e "$LAB_DIR/run/fault-isolated-metadata" ] && DP_ISOLATED_METADATA=false
  render "$LAB_HOME/conf/neutron-datapath.conf" "$LAB_DIR/conf/neutron-datapath.conf" || true
  local a
  for a in $DP_AGENTS; do
    render "$LAB_HOME/conf/${DP_AGENT_INI[$a]}.ini" "$(dp_ini "$a")" && CHANGED="$CHANGED $a"
  done
  return 0
}

# The agents retry their RPC until RabbitMQ and neutron-server answer: start them early.
datapath_start() {
  DP_SINCE=0   # when the first agent was (re)started: prepare waits for reports newer than that
  dp_bridge "$DP_EXT_BRIDGE"
  local a
  for a in $DP_AGENTS; do dp_agent_start "$a"; done
}

dp_agent_start() {
  local a=$1
  if svc_running "$a"; then
    case " $CHANGED " in
      *" $a "*|*" neutron "*) log "$a config changed: restarting"; stop_svc "$a" TERM 15 ;;
      *) log "$a already running (pid $(svc_pid "$a"))"; return 0 ;;
    esac
  fi
  [ "${DP_SINCE:-0}" = 0 ] && DP_SINCE=$(date +%s)
  # lib/bin first: its ebtables works around ebtables-nft (the helpers inherit this PATH).
  PATH="$LAB_HOME/lib/bin:$PATH" start_bg "$a" "$(dp_ini "$a")" "${DP_AGENT_BIN[$a]}" \
    --config-file "$LAB_DIR/conf/neutron.conf" --config-file "$(dp_ini "$a")"
}

dp_bridge() { # name: an isolated bridge with no address (the agent makes the same for brq*)
  ip link show "$1" >/dev/null 2>&1 || ip link add "$1" type bridge
  ip link set "$1" up
}

# After the network seed: ports bound, DHCP ports adopted, networks scheduled, then plug.
datapath_prepare() {
  (cd "$LAB_HOME/seed" && "$PY" datapath.py prepare "${DP_SINCE:-0}") >>"$LAB_DIR/log/seed.log" 2>&1 ||
    fail_service seed "datapath prepare failed (log/seed.log)"
  local name
  for name in $(dp_json '.instances | keys[]'); do inst_plug "$name"; done
}

# Every instance port ACTIVE, then one 200 from 169.254.169.254 inside each instance (the
# routers' haproxy appears ~20 s after the L3 agent starts).
datapath_wait() {
  local deadline=$1 names name code
  names=$(dp_json '.instances | keys | join(" ")')
  (cd "$LAB_HOME/seed" && "$PY" datapath.py wait-active $names) >>"$LAB_DIR/log/seed.log" 2>&1 ||
    fail_service seed "instance ports did not become ACTIVE (log/seed.log, log/lb-agent.log)"
  for name in $names; do
    case " $DP_DHCP_INSTANCES " in *" $name "*) inst_dhcp "$name" "$deadline" ;; esac
  done
  local reset=0
  for name in $names; do
    while :; do
      code=$(inst_curl "$name" -s -o /dev/null -w '%{http_code}' --max-time 3 \
        http://169.254.169.254/openstack/latest/meta_data.json 2>/dev/null || true)
      [ "$code" = 200 ] && break
      [ "$(date +%s)" -lt "$deadline" ] ||
        fail_service l3-agent "no metadata inside inst-$name before the deadline (last: ${code:-none})"
      if [ "$reset" = 0 ] && l3_agent_hung; then reset=1; l3_agent_reset; fi
      sleep 0.5
    done
  done
  # The seed recorded the DHCP ports before the agent adopted them (made-up device_id): record
  # the agent's own, which the real agent forwards for a DHCP port's IP.
  (cd "$LAB_HOME/seed" && "$PY" datapath.py dhcp-adopted) >>"$LAB_DIR/log/seed.log" 2>&1 ||
    fail_service seed "the DHCP agent did not adopt the seeded DHCP ports (log/seed.log, log/dhcp-agent.log)"
  curl -s --max-time 2 -X DELETE http://127.0.0.1:8775/__captured >/dev/null || true
}

inst_curl() { local name=$1; shift; ip netns exec "inst-$name" curl "$@"; }

# oslo.privsep can deadlock when two routers (or two networks) start their first privileged call
# at once (two helpers on one socket, "privsep daemon already running", then no log line ever
# again). A working agent logs while it syncs; one silent for 120 s while instances wait is hung.
agent_silent() { # agent seconds
  local log="$LAB_DIR/log/$1.log"
  [ -f "$log" ] && [ $(( $(date +%s) - $(stat -c %Y "$log") )) -gt "$2" ]
}
l3_agent_hung() { agent_silent l3-agent 120; }

# Restart an agent from a clean slate: its half-made namespaces (a device a hung sync left DOWN
# stays DOWN: the agents skip devices that exist) go with what runs in them (haproxy, dnsmasq).
agent_reset() { # agent namespace-prefix why
  local agent=$1 prefix=$2 p pids="" ns
  log "$agent: $3: restarting it once from a clean slate"
  stop_svc "$agent" TERM 15
  for p in $(pgrep -f "privsep-helper.*$(dp_ini "$agent")" 2>/dev/null); do pids="$pids $p"; done
  dp_kill_pids "$pids"
  for ns in $(ip netns list 2>/dev/null | awk -v p="$prefix" 'index($1, p) == 1 {print $1}'); do
    grep -qxF "${ns#"$prefix"}" <<<"$(dp_known_ids)" || continue
    dp_kill_pids "$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"
    ip netns del "$ns" 2>/dev/null || true
  done
  dp_agent_start "$agent"
}
l3_agent_reset() { agent_reset l3-agent qrouter- "silent for 120 s with instances waiting (privsep deadlock)"; }

# inst_plug NAME: what nova + os-vif do for a VM: a veth whose host end is tap<port[:11]> in
# brq<net[:11]> (the agent skips compute:* taps: "added elsewhere"), the port's MAC and MTU.
inst_plug() {
  local name=$1 ns tap br mac mtu
  read -r ns tap br mac mtu < <(dp_json ".instances[\"$name\"] | [.ns,.tap,.bridge,.mac,.mtu] | join(\" \")")
  # A namespace without our tap is left from a lab whose processes died (its eth0 belongs to
  # another port): start it afresh, or the veth's eth0 end would clash with the stale one.
  if ! ip link show "$tap" >/dev/null 2>&1 && ip netns list | grep -qx "$ns\( .*\)\?"; then
    log "removing stale namespace $ns (left by a lab that did not stop)"
    ip netns del "$ns"
  fi
  ip netns list | grep -qx "$ns\( .*\)\?" || ip netns add "$ns"
  if ! ip link show "$tap" >/dev/null 2>&1; then
    ip link add "$tap" mtu "$mtu" type veth peer name eth0 netns "$ns"
  fi
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 address "$mac" mtu "$mtu" up
  dp_bridge "$br"
  ip link set "$tap" master "$br" mtu "$mtu" up
  case " $DP_DHCP_INSTANCES " in *" $name "*) return 0 ;; esac
  inst_static "$name"
}

inst_static() {
  local name=$1 ns cidr gw
  read -r ns cidr gw < <(dp_json ".instances[\"$name\"] | [.ns,.cidr,(.gateway // \"-\")] | join(\" \")")
  ip -n "$ns" -4 addr replace "$cidr" dev eth0
  [ "$gw" = - ] || ip -n "$ns" route replace default via "$gw" dev eth0
}

# inst_dhcp NAME DEADLINE: one DHCP exchange with the lab's dnsmasq; lib/dhclient-script applies
# the lease (address, MTU, routers, option 121) and records it in run/inst-NAME.lease.json. No
# dhclient stays running, and resolv.conf is never written. dhclient only runs once the network's
# dnsmasq is up and knows the port; a DHCP agent that never gets there (the privsep deadlock, seen
# once in CI: four silent tries) or a dnsmasq that stays deaf is restarted once.
inst_dhcp() {
  local name=$1 deadline=$2 ns="inst-$1" pidf="$LAB_DIR/run/dhclient-$1.pid" try=0 reset=0
  [ -s "$LAB_DIR/run/inst-$name.lease.json" ] && ip -n "$ns" -4 addr show dev eth0 | grep -q inet && return 0
  rm -f "$LAB_DIR/run/inst-$name.lease.json"
  while :; do
    if dhcp_server_ready "$name"; then
      try=$((try + 1))
      # A fresh DISCOVER each time: a remembered lease makes dhclient ask for it first.
      rm -f "$LAB_DIR/run/dhclient-$name.leases"
      timeout 30 ip netns exec "$ns" dhclient -4 -1 -v -cf "$LAB_HOME/conf/dhclient.conf" \
        -sf "$LAB_HOME/lib/dhclient-script" -e "LEASE_OUT=$LAB_DIR/run/inst-$name.lease.json" \
        -pf "$pidf" -lf "$LAB_DIR/run/dhclient-$name.leases" eth0 >>"$LAB_DIR/log/dhclient.log" 2>&1 && break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      dhcp_diagnose "$name" >&2
      fail_service dhclient "no DHCP lease for $name before the deadline ($try tries of dhclient)"
    fi
    if [ "$reset" = 0 ]; then
      if [ "$try" -ge 2 ]; then
        reset=1; agent_reset dhcp-agent qdhcp- "dnsmasq gave $name no lease twice"
      elif [ "$try" = 0 ] && agent_silent dhcp-agent 90; then
        reset=1; agent_reset dhcp-agent qdhcp- "silent for 90 s with no dnsmasq serving $name (privsep deadlock)"
      fi
    fi
    sleep 1
  done
  # dhclient stays in the background to renew: stop it (-x releases nothing; the lease is 1 day).
  ip netns exec "$ns" dhclient -x -pf "$pidf" >>"$LAB_DIR/log/dhclient.log" 2>&1 || true
}

# The instance's network has a live dnsmasq whose host file holds the instance's MAC, and the
# DHCP port's address is up in qdhcp-<net>.
dhcp_server_ready() { # name
  local net mac server dir pid
  read -r net mac server < <(dp_json ".instances[\"$1\"] | [.networkId,.mac,.dhcpServer] | join(\" \")")
  dir="$(dp_state)/dhcp/$net"
  [ -s "$dir/pid" ] && pid=$(tr -dc 0-9 <"$dir/pid") && pid_alive "$pid" "$dir" || return 1
  grep -qiF "$mac" "$dir/host" 2>/dev/null || return 1
  ip -n "qdhcp-$net" -4 -o addr show 2>/dev/null | grep -qF " $server/"
}

# What a failed DHCP start leaves to look at: the server side, then the client's own log.
dhcp_diagnose() { # name
  local net mac dir
  read -r net mac < <(dp_json ".instances[\"$1\"] | [.networkId,.mac] | join(\" \")")
  dir="$(dp_state)/dhcp/$net"
  echo "--- DHCP for $1 (network $net, MAC $mac) ---"
  echo "dnsmasq pid file: $(cat "$dir/pid" 2>/dev/null || echo none); running: $(pgrep -af "dnsmasq.*$net" | head -2 || true)"
  echo "host file: $(grep -iF "$mac" "$dir/host" 2>/dev/null || echo "no line for $mac")"
  echo "qdhcp-$net addresses: $(ip -n "qdhcp-$net" -4 -o addr show 2>/dev/null | awk '{print $2, $4}' | tr '\n' ' ')"
  echo "bridge brq${net:0:11} ports: $(ip -o link show master "brq${net:0:11}" 2>/dev/null | awk -F': ' '{print $2}' | tr '\n' ' ')"
  echo "--- dhcp-agent.log: warnings and errors (last 15) ---"
  grep -E ' (WARNING|ERROR) ' "$LAB_DIR/log/dhcp-agent.log" 2>/dev/null | tail -n 15 | cut -c1-300
  echo "--- dhclient.log (last 15 lines) ---"
  tail -n 15 "$LAB_DIR/log/dhclient.log" 2>/dev/null
}

inst_unplug() { # name: the namespace goes, its eth0 with it, and so the tap
  local pidf="$LAB_DIR/run/dhclient-$1.pid" pid
  if [ -s "$pidf" ]; then
    pid=$(cat "$pidf"); pid_alive "$pid" dhclient && kill "$pid" 2>/dev/null
    rm -f "$pidf"
  fi
  ip netns del "inst-$1" 2>/dev/null || true
  rm -f "$LAB_DIR/run/inst-$1.lease.json"
}

# --- stop: instances, agents, what the agents spawned, namespaces, devices, host chains -------
datapath_stop() {
  local name ids=""
  [ -f "$LAB_DIR/data/datapath.json" ] || [ -n "$(dp_running_agents)" ] || return 0
  log "stopping the data path"
  for name in $(dp_known_instances); do inst_unplug "$name"; done
  # The Linux bridge agent notices removed taps within its 2 s poll and removes their
  # ebtables/iptables rules itself; what is left afterwards is removed below.
  [ -n "$(dp_running_agents)" ] && svc_running lb-agent && sleep 3
  local a j jobs_=()
  for a in $DP_AGENTS; do stop_svc "$a" TERM 15 & jobs_+=($!); done
  for j in "${jobs_[@]}"; do wait "$j" || true; done
  dp_stop_children
  dp_stop_privsep
  ids=$(dp_known_ids || true)
  dp_delete_namespaces "$ids"
  dp_delete_devices "$ids"
  dp_clean_ebtables "$ids"
  dp_clean_iptables
  log "data path stopped"
}

dp_running_agents() { local a; for a in $DP_AGENTS; do svc_running "$a" && echo "$a"; done; }

dp_known_instances() {
  { jq -r '.instances | keys[]' "$LAB_DIR/data/datapath.json" 2>/dev/null
    ip netns list 2>/dev/null | awk '{print $1}' | sed -n 's/^inst-//p' |
      grep -xF -f <(jq -r '.instances | keys[]' "$LAB_DIR/topology.json" 2>/dev/null) ; } | sort -u
}

# Ids of the lab's networks, routers and ports (from the seed's outputs and the agents' state
# dirs): namespaces, bridges and chains are only removed when named after one of them.
dp_known_ids() {
  local s; s=$(dp_state)
  { jq -r '(.networks // {} | .[] | .id), (.routers // {} | .[] | .id), (.ports // {} | .[] | .id)' \
      "$LAB_DIR/data/network.json" 2>/dev/null
    jq -r '.instances // {} | .[] | .portId' "$LAB_DIR/data/datapath.json" 2>/dev/null
    ls "$s/dhcp" "$s/ns-metadata-proxy" "$s/ra" 2>/dev/null | grep -oE '^[0-9a-f-]{36}'
    ls "$s/external/pids" 2>/dev/null | grep -oE '^[0-9a-f-]{36}'
  } | grep -E '^[0-9a-f-]{36}$' | sort -u
}

# haproxy, dnsmasq, radvd, keepalived: each has a pid file under the state path, and its
# command line names a file there.
dp_stop_children() {
  local s f pid pids=""; s=$(dp_state)
  for f in "$s"/external/pids/*.pid* "$s"/dhcp/*/pid; do
    [ -s "$f" ] || continue
    pid=$(tr -dc 0-9 <"$f")
    pid_alive "$pid" "$s/" && pids="$pids $pid"
  done
  dp_kill_pids "$pids"
}

# privsep-helper daemons outlive their agent (re-parented to pid 1): ours name our agent inis.
dp_stop_privsep() {
  local p pids="" cmd
  for p in $(pgrep -f privsep-helper 2>/dev/null); do
    cmd=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) || continue
    case "$cmd" in *"--config-file $LAB_DIR/conf/"*_agent.ini*) pids="$pids $p" ;; esac
  done
  dp_kill_pids "$pids"
}

dp_kill_pids() { # "pid..." TERM, wait up to 5 s, then KILL
  local pids=$1 p i left
  [ -n "${pids// }" ] || return 0
  kill -TERM $pids 2>/dev/null || true
  for i in $(seq 25); do
    left=""
    for p in $pids; do
      case "$(ps -o stat= -p "$p" 2>/dev/null)" in Z*|"") ;; *) left="$left $p" ;; esac
    done
    [ -z "$left" ] && return 0
    sleep 0.2
  done
  kill -KILL $left 2>/dev/null || true
}

dp_delete_namespaces() { # ids
  local ns id
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case "$ns" in qrouter-*|qdhcp-*) id=${ns#*-} ;; *) continue ;; esac
    grep -qxF "$id" <<<"$1" || continue
    dp_kill_pids "$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"
    ip netns del "$ns" 2>/dev/null && log "deleted netns $ns"
  done
  return 0
}

# brq<net11> bridges with what is still enslaved (taps, vxlan-<vni>), and the physnet bridge.
# Netns teardown is asynchronous: a qdhcp tap may linger for a moment.
dp_delete_devices() { # ids
  local id br dev
  for id in $(grep -E '^[0-9a-f-]{36}$' <<<"$1"); do
    br="brq${id:0:11}"
    ip link show "$br" >/dev/null 2>&1 || continue
    for dev in $(ip -o link show master "$br" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
      case "$dev" in tap*|vxlan-*) ip link del "$dev" 2>/dev/null || true ;; esac
    done
    ip link del "$br" 2>/dev/null || true
  done
  for dev in $(ip -o link show master "$DP_EXT_BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    case "$dev" in tap*) ip link del "$dev" 2>/dev/null || true ;; esac
  done
  ip link del "$DP_EXT_BRIDGE" 2>/dev/null || true
}

# The agent's ARP/MAC spoofing chains in the host's ebtables nat table, for our taps only.
dp_clean_ebtables() { # ids
  command -v ebtables >/dev/null || return 0
  local taps rule chain
  taps=$(grep -E '^[0-9a-f-]{36}$' <<<"$1" | cut -c1-11 | sed 's/^/tap/')
  [ -n "$taps" ] || return 0
  ebtables -t nat -L PREROUTING 2>/dev/null | grep -E -- '-j neutron(MAC|ARP)-tap' |
    while read -r rule; do
      chain=$(grep -oE 'neutron(MAC|ARP)-tap[0-9a-f-]{11}' <<<"$rule")
      grep -qxF "${chain#neutron???-}" <<<"$taps" || continue
      ebtables -t nat -D PREROUTING $rule 2>/dev/null || true
    done || true
  for chain in $(ebtables -t nat -L 2>/dev/null | grep -oE 'chain: neutron(MAC|ARP)-tap[0-9a-f-]{11}' | cut -d' ' -f2); do
    grep -qxF "${chain#neutron???-}" <<<"$taps" || continue
    ebtables -t nat -F "$chain" 2>/dev/null; ebtables -t nat -X "$chain" 2>/dev/null || true
  done
  return 0
}

# The iptables firewall driver's chains (neutron-linuxbri-*, and neutron-filter-top) in the
# host's tables: the jumps from the built-in chains first, then the chains themselves.
dp_clean_iptables() {
  local cmd table line chain
  for cmd in iptables ip6tables; do
    command -v $cmd >/dev/null || continue
    for table in filter raw mangle nat; do
      $cmd -t $table -S 2>/dev/null | grep -E -- '^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) .*-j neutron-(linuxbri-|filter-top)' |
        while read -r line; do eval "$cmd -t $table ${line/-A /-D }" 2>/dev/null || true; done || true
      for chain in $($cmd -t $table -S 2>/dev/null | awk '$1=="-N" && $2 ~ /^neutron-(linuxbri-|filter-top)/ {print $2}'); do
        $cmd -t $table -F "$chain" 2>/dev/null || true
      done
      for chain in $($cmd -t $table -S 2>/dev/null | awk '$1=="-N" && $2 ~ /^neutron-(linuxbri-|filter-top)/ {print $2}'); do
        $cmd -t $table -X "$chain" 2>/dev/null || true
      done
    done
  done
  # Its ipsets of security-group members (NIPv4<sg>/NIPv6<sg>), once no rule uses them.
  command -v ipset >/dev/null || return 0
  for chain in $(ipset list -n 2>/dev/null | grep -E '^NIPv[46]'); do ipset destroy "$chain" 2>/dev/null || true; done
}
