# Private PostgreSQL cluster on 127.0.0.1:5433 (trust auth, fsync off: the data is throwaway).

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# initdb refuses to run as root: run the cluster as the postgres user then. setpriv execs,
# so the pid we record is the postmaster itself.
pg_as_prefix() { if [ "$(id -u)" = 0 ]; then echo setpriv --reuid=postgres --regid=postgres --init-groups; fi; }
pg_as() { $(pg_as_prefix) "$@"; }

# The postgres user must be able to reach its data dir; a lab dir under a mode-700 home is not.
pg_data_dir() {
  if [ "$(id -u)" != 0 ] || setpriv --reuid=postgres --regid=postgres --init-groups test -x "$LAB_DIR"; then
    echo "$LAB_DIR/pg"
  else
    echo "/var/tmp/stacklens-pg-$(echo "$LAB_DIR" | md5sum | cut -c1-8)"
  fi
}

pg_init() {
  PGDATA_DIR=$(pg_data_dir)
  [ "$PGDATA_DIR" = "$LAB_DIR/pg" ] || ln -sfn "$PGDATA_DIR" "$LAB_DIR/pg"
  [ -f "$PGDATA_DIR/PG_VERSION" ] && return 0
  mkdir -p "$PGDATA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
  chmod 700 "$PGDATA_DIR"
  pg_as "$(pg_bin)/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >>"$LAB_DIR/log/postgres.log" 2>&1 || fail_service postgres "initdb failed"
}

pg_start() {
  svc_running postgres && { log "postgres already running"; return 0; }
  rm -f "$PGDATA_DIR/postmaster.pid"   # stale after a kill -9; our pid check says it is not running
  start_bg postgres "-D $PGDATA_DIR" $(pg_as_prefix) "$(pg_bin)/postgres" -D "$PGDATA_DIR" \
    -c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories= \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
    -c shared_buffers=64MB -c autovacuum=off -c jit=off
  local deadline=$(( $(date +%s) + 20 ))
  until pg_isready_lab; do
    svc_running postgres || fail_service postgres "process exited"
    [ "$(date +%s)" -lt "$deadline" ] || fail_service postgres "not ready in 20 s"
    sleep 0.1
  done
}

pg_isready_lab() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p $PG_PORT -t 1; }

pg_create_dbs() { # db... (one psql session; \gexec runs only the CREATEs still needed)
  local db sql=""
  for db in "$@"; do
    sql="$sql SELECT 'CREATE DATABASE $db' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \\gexec
"
  done
  printf '%s' "$sql" | psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 >/dev/null ||
    fail_service postgres "creating databases failed"
}

# SIGINT = fast shutdown (SIGTERM would wait for the services' pooled connections).
pg_stop() { stop_svc postgres INT 20; }
