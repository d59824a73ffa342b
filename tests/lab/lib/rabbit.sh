# RabbitMQ 3.10 run by hand (no systemd), only for the metadata agent's RPC to neutron-server.

rabbit_env() {
  # The /usr/sbin wrapper su's to the rabbitmq user; the lib script runs as us.
  # HOME holds .erlang.cookie; epmd and the dist port bind loopback only.
  export HOME="$LAB_DIR/rabbit" ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=4369 \
    RABBITMQ_CONF_ENV_FILE="$LAB_DIR/conf/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$LAB_DIR/conf/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$LAB_DIR/conf/enabled_plugins" \
    RABBITMQ_NODENAME=stacklens@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 \
    RABBITMQ_DIST_PORT=25672 RABBITMQ_MNESIA_BASE="$LAB_DIR/rabbit/mnesia" \
    RABBITMQ_LOG_BASE="$LAB_DIR/log" RABBITMQ_PID_FILE="$LAB_DIR/rabbit/beam.pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rabbit_start() {
  if svc_running rabbitmq; then log "rabbitmq already running (pid $(svc_pid rabbitmq))"; return 0; fi
  mkdir -p "$LAB_DIR/rabbit/mnesia"
  cp "$LAB_HOME/conf/rabbitmq.conf" "$LAB_DIR/conf/rabbitmq.conf"
  : >"$LAB_DIR/conf/rabbitmq-env.conf"
  echo '[].' >"$LAB_DIR/conf/enabled_plugins"
  rm -f "$LAB_DIR/rabbit/beam.pid"
  ( rabbit_env
    # Our own epmd, so that we own its pid (an auto-started one would outlive the broker).
    if ! svc_running epmd && [ -z "$(ss -Hltn 'sport = :4369' 2>/dev/null)" ]; then
      start_bg epmd "epmd -address 127.0.0.1" epmd -address 127.0.0.1 -port 4369
    fi
    start_bg rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server /usr/lib/rabbitmq/bin/rabbitmq-server )
}

rabbit_wait() { # deadline: up when the AMQP port accepts (about 4 s after start)
  local deadline=$1
  until (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; do
    svc_running rabbitmq || fail_service rabbitmq "process exited"
    [ "$(date +%s)" -lt "$deadline" ] || fail_service rabbitmq "port 5672 not open before the deadline"
    sleep 0.3
  done
  # The beam pid comes from RABBITMQ_PID_FILE; track it too so down.sh can check it is gone.
  local beam; beam=$(cat "$LAB_DIR/rabbit/beam.pid" 2>/dev/null || true)
  [ -n "$beam" ] && echo "$beam -home $LAB_DIR/rabbit " >"$(pid_file rabbitmq-beam)"
  return 0
}

rabbit_stop() {
  # TERM to the wrapper script makes it stop the beam and wait for it.
  stop_svc rabbitmq TERM 20
  stop_svc rabbitmq-beam TERM 10
  stop_svc epmd TERM 5
}
