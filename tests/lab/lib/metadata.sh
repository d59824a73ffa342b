# The metadata path: neutron-metadata-agent (unix socket) -> recorder :8775 -> nova-api-metadata :8776.

agent_socket() { echo "$LAB_DIR/run/metadata_proxy"; }

agent_config() {
  render "$LAB_HOME/conf/metadata_agent.ini" "$LAB_DIR/conf/metadata_agent.ini" && CHANGED="$CHANGED agent"
  return 0
}

agent_start() {
  if svc_running agent; then
    case " $CHANGED " in
      *" agent "*|*" neutron "*) log "agent config changed: restarting"; stop_svc agent TERM 10 ;;
      *) log "metadata agent already running (pid $(svc_pid agent))"; return 0 ;;
    esac
  fi
  rm -f "$(agent_socket)"
  start_bg agent "$LAB_DIR/conf/metadata_agent.ini" neutron-metadata-agent \
    --config-file "$LAB_DIR/conf/neutron.conf" --config-file "$LAB_DIR/conf/metadata_agent.ini"
}

# The socket appears before the agent's RPC path works: wait for one real end-to-end 200.
# Args: deadline router-id instance-ip. Clears the recorder's capture afterwards.
agent_wait() {
  local deadline=$1 router=$2 ip=$3 code
  while :; do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' --unix-socket "$(agent_socket)" \
      -H "X-Forwarded-For: $ip" -H "X-Neutron-Router-ID: $router" \
      http://169.254.169.254/openstack/latest/meta_data.json 2>/dev/null || true)
    [ "$code" = 200 ] && break
    svc_running agent || fail_service agent "process exited"
    [ "$(date +%s)" -lt "$deadline" ] || fail_service agent "no 200 through $(agent_socket) before the deadline (last: ${code:-none})"
    sleep 0.3
  done
  curl -s --max-time 2 -X DELETE http://127.0.0.1:8775/__captured >/dev/null || true
}

recorder_start() {
  local upstream=""; has_service nova && upstream="http://127.0.0.1:8776"
  if svc_running recorder; then
    if [ "$(cat "$LAB_DIR/run/recorder.upstream" 2>/dev/null)" = "$upstream" ]; then
      log "recorder already running (pid $(svc_pid recorder))"; return 0
    fi
    log "recorder upstream changed: restarting"; stop_svc recorder TERM 5
  fi
  echo "$upstream" >"$LAB_DIR/run/recorder.upstream"
  local capture="$LAB_DIR/log/metadata-capture.jsonl"
  LAB_RECORDER_UPSTREAM="$upstream" LAB_METADATA_SECRET="$LAB_SECRET" \
    start_bg recorder "$capture" node "$LAB_HOME/recorder.mjs" "$capture"
}

recorder_wait() { wait_http recorder http://127.0.0.1:8775/__captured "$1" '^200$'; }
