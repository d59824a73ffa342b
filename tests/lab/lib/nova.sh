# nova-api-metadata (:8776) and nova-api osapi_compute (:8774/v2.1), both under uwsgi,
# serving instance records that the nova seed writes straight into nova's databases.

nova_config() {
  export NOVA_API_DB NOVA_CELL1_DB
  NOVA_API_DB=$(pg_url nova_api); NOVA_CELL1_DB=$(pg_url nova_cell1)
  mkdir -p "$LAB_DIR/conf/nova" "$LAB_DIR/nova/lock"
  local c=""
  render "$LAB_HOME/conf/nova.conf" "$LAB_DIR/conf/nova/nova.conf" && c=1
  cmp -s /etc/nova/api-paste.ini "$LAB_DIR/conf/nova/api-paste.ini" ||
    { cp /etc/nova/api-paste.ini "$LAB_DIR/conf/nova/api-paste.ini"; c=1; }
  [ -n "$c" ] && CHANGED="$CHANGED nova-metadata nova-api"
  # Both apps read api-paste.ini (first: the paste app is loaded from it) + nova.conf there.
  local env="OS_NOVA_CONFIG_DIR=$LAB_DIR/conf/nova"
  # nova monkey-patches eventlet: uwsgi's native threads deadlocked nova-api-metadata under 100
  # concurrent requests (greenlet.error: cannot switch to a different thread). One thread per
  # process, and processes for concurrency.
  local APP_THREADS=1
  APP_NAME=nova-metadata APP_PORT=8776 APP_PROCESSES=2 APP_WSGI=/usr/bin/nova-metadata-wsgi APP_ENV="$env" \
    render "$LAB_HOME/conf/uwsgi.ini" "$LAB_DIR/conf/nova-metadata-uwsgi.ini" && CHANGED="$CHANGED nova-metadata"
  APP_NAME=nova-api APP_PORT=8774 APP_PROCESSES=2 APP_WSGI=/usr/bin/nova-api-wsgi APP_ENV="$env" \
    render "$LAB_HOME/conf/uwsgi.ini" "$LAB_DIR/conf/nova-api-uwsgi.ini" && CHANGED="$CHANGED nova-api"
  return 0
}

nova_init() {
  [ -f "$LAB_DIR/data/.init-nova" ] && return 0
  if ! dbcache_restore nova nova_api nova_cell0 nova_cell1; then
    "$PY" "$LAB_HOME/seed/nova_init.py" "$LAB_DIR/conf/nova/nova.conf" "$(pg_url nova_cell0)" ||
      return 1
    dbcache_save nova_api nova_cell0 nova_cell1
  fi
  touch "$LAB_DIR/data/.init-nova"
}

nova_metadata_start() { start_uwsgi nova-metadata; }
nova_metadata_wait() { wait_http nova-metadata http://127.0.0.1:8776/ "$1" '^200$'; }

nova_api_start() { start_uwsgi nova-api; }
nova_api_wait() { wait_http nova-api http://127.0.0.1:8774/v2.1 "$1" '^200$'; }

# The nova seed starts early (its import of nova takes seconds) and proceeds once
# nova_seed_go is called after the network seed; nova_seed_wait collects it.
nova_seed_start() {
  rm -f "$LAB_DIR/data/.network-seeded"
  (cd "$LAB_HOME/seed" && LAB_WAIT_FOR="$LAB_DIR/data/.network-seeded" \
    exec "$PY" instances.py "$LAB_DIR/conf/nova/nova.conf") >>"$LAB_DIR/log/seed.log" 2>&1 &
  NOVA_SEED_PID=$!
}
nova_seed_go() { touch "$LAB_DIR/data/.network-seeded"; }
nova_seed_wait() {
  wait "$NOVA_SEED_PID" || fail_service seed "nova seed failed (log/seed.log)"
  NOVA_SEED_PID=""
}
