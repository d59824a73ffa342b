# Keystone v3 (Zed) under uwsgi at http://127.0.0.1:5000/v3, fernet tokens.

keystone_config() {
  export KEYSTONE_DB; KEYSTONE_DB=$(pg_url keystone)
  render "$LAB_HOME/conf/keystone.conf" "$LAB_DIR/conf/keystone.conf" && CHANGED="$CHANGED keystone"
  APP_NAME=keystone APP_PORT=5000 APP_WSGI=/usr/bin/keystone-wsgi-public \
    APP_ENV="OS_KEYSTONE_CONFIG_FILES=$LAB_DIR/conf/keystone.conf" \
    APP_PROCESSES=1 APP_THREADS=4 render "$LAB_HOME/conf/uwsgi.ini" "$LAB_DIR/conf/keystone-uwsgi.ini" && CHANGED="$CHANGED keystone"
  return 0
}

# Runs in the background during the DB init phase; output goes to log/keystone-init.log.
# keystone_init.py runs the four keystone-manage commands with a single import of keystone.
keystone_init() {
  [ -f "$LAB_DIR/data/.init-keystone" ] && return 0
  mkdir -p "$LAB_DIR/keystone"
  if dbcache_restore keystone keystone; then
    keystone_new_keys
  else
    "$PY" "$LAB_HOME/seed/keystone_init.py" "$LAB_DIR/conf/keystone.conf" "$(id -un)" "$(id -gn)" ||
      return 1
    dbcache_save keystone
  fi
  touch "$LAB_DIR/data/.init-keystone"
}

keystone_start() {
  start_uwsgi keystone
}

keystone_wait() { wait_http keystone http://127.0.0.1:5000/v3 "$1" '^200$'; }
