# neutron-server (Zed, ML2 + router plugin, keystone auth) on 127.0.0.1:9696.

# The data path's overrides come last (oslo.config: later files win).
neutron_confs() {
  local c="--config-file $LAB_DIR/conf/neutron.conf --config-file $LAB_DIR/conf/ml2_conf.ini"
  has_service datapath && c="$c --config-file $LAB_DIR/conf/neutron-datapath.conf"
  echo "$c"
}

# True if the running server was started with other config files (a service added or dropped).
neutron_confs_differ() {
  local pid; pid=$(svc_pid neutron) || return 1
  case "$(tr '\0' ' ' <"/proc/$pid/cmdline")" in *"neutron-server $(neutron_confs) ") return 1 ;; esac
}

neutron_config() {
  export NEUTRON_DB NEUTRON_TRANSPORT
  NEUTRON_DB=$(pg_url neutron)
  if has_service metadata; then NEUTRON_TRANSPORT="rabbit://guest:guest@127.0.0.1:5672/"
  else NEUTRON_TRANSPORT="fake://"; fi
  mkdir -p "$LAB_DIR/neutron/lock"
  local c=""
  render "$LAB_HOME/conf/neutron.conf" "$LAB_DIR/conf/neutron.conf" && c=1
  render "$LAB_HOME/conf/ml2_conf.ini" "$LAB_DIR/conf/ml2_conf.ini" && c=1
  [ -n "$c" ] && CHANGED="$CHANGED neutron"
  return 0
}

neutron_init() {
  [ -f "$LAB_DIR/data/.init-neutron" ] && return 0
  if ! dbcache_restore neutron neutron; then
    # PostgreSQL runs the real migrations (SQLite would need create_all + stamp).
    neutron-db-manage $(neutron_confs) upgrade heads || return 1
    dbcache_save neutron
  fi
  touch "$LAB_DIR/data/.init-neutron"
}

neutron_start() {
  if svc_running neutron; then
    neutron_confs_differ && CHANGED="$CHANGED neutron"
    case " $CHANGED " in
      *" neutron "*) log "neutron config changed: restarting"; stop_svc neutron TERM 20 ;;
      *) log "neutron already running (pid $(svc_pid neutron))"; return 0 ;;
    esac
  fi
  start_bg neutron "$LAB_DIR/conf/neutron.conf" neutron-server $(neutron_confs)
}

neutron_wait() { wait_http neutron http://127.0.0.1:9696/ "$1" '^200$'; }

# graceful_shutdown_timeout = 5 keeps this short; stop it before RabbitMQ.
neutron_stop() { stop_svc neutron TERM 20; }
