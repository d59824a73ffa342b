# The OVN lab's processes: three ovsdb-servers (NB, SB, local Open_vSwitch), ovs-vswitchd
# (userspace netdev datapath: no kernel module needed), ovn-northd, ovn-controller,
# neutron-server (ML2/OVN) and the real neutron-ovn-metadata-agent. Each runs in the foreground
# under start_bg, so its pid file holds the daemon itself.

ovsdb_start() { # name db-file schema socket
  local name=$1 file=$2 schema=$3 sock=$4
  [ -f "$file" ] || ovsdb-tool create "$file" "$schema" || fail_service "$name" "ovsdb-tool create failed"
  svc_running "$name" && return 0
  rm -f "$sock"
  start_bg "$name" "$file" ovsdb-server "$file" --remote="punix:$sock" --unixctl="$RUN/$name.ctl" \
    --no-chdir -vconsole:info
}

sock_wait() { # name socket deadline
  while ! ovsdb-client list-dbs "unix:$2" >/dev/null 2>&1; do
    svc_running "$1" || fail_service "$1" "process exited"
    [ "$(date +%s)" -lt "$3" ] || fail_service "$1" "no answer on $2"
    sleep 0.1
  done
}

ovs_ovn_start() {
  local dl=$(( $(date +%s) + 20 ))
  ovsdb_start ovsdb-nb "$DB/ovnnb_db.db" /usr/share/ovn/ovn-nb.ovsschema "$RUN/ovnnb_db.sock"
  ovsdb_start ovsdb-sb "$DB/ovnsb_db.db" /usr/share/ovn/ovn-sb.ovsschema "$RUN/ovnsb_db.sock"
  ovsdb_start ovsdb-local "$DB/conf.db" /usr/share/openvswitch/vswitch.ovsschema "$DB_SOCK"
  sock_wait ovsdb-nb "$RUN/ovnnb_db.sock" "$dl"; sock_wait ovsdb-sb "$RUN/ovnsb_db.sock" "$dl"
  sock_wait ovsdb-local "$DB_SOCK" "$dl"
  ovn-nbctl --no-leader-only init >/dev/null; ovn-sbctl --no-leader-only init >/dev/null
  # hostname must equal the ports' binding:host_id; one chassis, so geneve never builds a tunnel.
  ovs-vsctl --no-wait init -- set Open_vSwitch . external_ids:system-id=$OVN_CHASSIS \
    external_ids:hostname=$OVN_HOST external_ids:ovn-remote="$OVN_SB_DB" \
    external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=127.0.0.1 \
    external_ids:ovn-bridge=br-int external_ids:ovn-bridge-datapath-type=netdev
  svc_running vswitchd || start_bg vswitchd "$RUN/ovs-vswitchd.ctl" ovs-vswitchd "unix:$DB_SOCK" \
    --unixctl="$RUN/ovs-vswitchd.ctl" --no-chdir -vconsole:info
  svc_running northd || start_bg northd "$RUN/ovn-northd.ctl" ovn-northd --ovnnb-db="$OVN_NB_DB" \
    --ovnsb-db="$OVN_SB_DB" --unixctl="$RUN/ovn-northd.ctl" --no-chdir -vconsole:info
  # 23.03's ovn-controller has no --unixctl; its control socket is $RUN/ovn-controller.<pid>.ctl.
  svc_running controller || start_bg controller "unix:$DB_SOCK" ovn-controller "unix:$DB_SOCK" \
    --pidfile="$RUN/ovn-controller.pid" --no-chdir -vconsole:info
}

# The neutron_ovn database in the control-plane lab's PostgreSQL: from the schema cache when the
# control-plane lab left a neutron dump there (same migrations), else the real migrations.
neutron_ovn_db() {
  pg_create_dbs neutron_ovn
  [ -f "$DATA/.init-neutron" ] && return 0
  local dump; dump="$(dbcache_dir)/neutron.sql"
  if [ "${LAB_SCHEMA_CACHE:-1}" = 1 ] && [ -s "$dump" ] &&
     psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d neutron_ovn -v ON_ERROR_STOP=1 -f "$dump" >/dev/null; then
    log "neutron_ovn restored from the schema cache"
  else
    psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS neutron_ovn" -c "CREATE DATABASE neutron_ovn" >/dev/null
    neutron-db-manage $(neutron_confs_ovn) upgrade heads >>"$LAB_DIR/log/neutron-init.log" 2>&1 ||
      fail_service neutron-init "neutron-db-manage failed"
  fi
  touch "$DATA/.init-neutron"
}

neutron_ovn_start() {
  if svc_running neutron; then
    case " $CHANGED " in *" neutron "*) log "neutron config changed: restarting"; stop_svc neutron TERM 20 ;;
      *) return 0 ;; esac
  fi
  start_bg neutron "$ETC/neutron.conf" neutron-server $(neutron_confs_ovn)
}

agent_ovn_start() {
  if svc_running agent; then
    case " $CHANGED " in *" agent "*|*" neutron "*) log "agent config changed: restarting"; stop_svc agent TERM 10 ;;
      *) return 0 ;; esac
  fi
  rm -f "$(agent_socket_ovn)"
  start_bg agent "$ETC/neutron_ovn_metadata_agent.ini" neutron-ovn-metadata-agent \
    --config-file "$ETC/neutron.conf" --config-file "$ETC/neutron_ovn_metadata_agent.ini"
}

# Zed's server lists the OVN Metadata agent only after an NB_Global.nb_cfg bump that follows the
# agent's own Chassis_Private write: wait for that write, then bump and wait for the chassis.
agent_ovn_register() { # deadline
  while ! ovn-sbctl --bare --columns=external_ids list Chassis_Private 2>/dev/null | grep -q 'neutron:ovn-metadata-id'; do
    svc_running agent || fail_service agent "process exited"
    [ "$(date +%s)" -lt "$1" ] || fail_service agent "never registered in Chassis_Private"
    sleep 0.2
  done
  ovn-nbctl --timeout=20 --wait=hv sync || fail_service controller "ovn-nbctl --wait=hv sync timed out"
}

# Zombie-safe stop of everything above; ovs/ovn daemons exit cleanly through their unixctl.
ovn_stop_all() {
  stop_svc agent TERM 10
  local p; for p in $(ovn_strays | sort -u); do kill -TERM "$p" 2>/dev/null || true; done
  stop_svc neutron TERM 20
  local ctl; ctl=$(ls "$RUN"/ovn-controller.*.ctl 2>/dev/null | head -n 1)
  svc_running controller && [ -n "$ctl" ] && ovn-appctl -t "$ctl" exit >/dev/null 2>&1
  stop_svc controller TERM 10
  stop_svc northd TERM 10
  svc_running vswitchd && ovs-appctl -t "$RUN/ovs-vswitchd.ctl" exit --cleanup >/dev/null 2>&1
  stop_svc vswitchd TERM 10
  for s in ovsdb-local ovsdb-sb ovsdb-nb; do stop_svc "$s" TERM 10; done
  for p in $(ovn_strays | sort -u); do kill -KILL "$p" 2>/dev/null || true; done
}
