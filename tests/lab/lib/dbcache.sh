# Schema cache: a new lab dir gets the same freshly migrated databases every time, and the
# migrations (keystone-manage, neutron-db-manage, nova) cost ~15 s of CPU. The first init on a
# machine runs them for real and dumps the result; later new lab dirs restore the dumps (~1 s).
# The key covers the package versions and the lab's own init code/templates, so an upgrade or
# a change here means a real init again. LAB_SCHEMA_CACHE=0 turns it off.

dbcache_dir() {
  local key
  key=$( { dpkg-query -W -f '${Package} ${Version}\n' python3-keystone python3-neutron python3-nova \
             "postgresql-$(basename "$(dirname "$(pg_bin)")")" 2>/dev/null
           cat "$LAB_HOME"/conf/keystone.conf "$LAB_HOME"/conf/nova.conf "$LAB_HOME"/conf/ml2_conf.ini \
             "$LAB_HOME"/seed/keystone_init.py "$LAB_HOME"/seed/nova_init.py "$LAB_HOME"/lib/dbcache.sh
         } | sha256sum | cut -c1-16)
  echo "${LAB_CACHE_DIR:-/var/tmp/stacklens-lab-cache}/$key"
}

# dbcache_restore NAME DB...: 0 if every DB was restored from the cache.
dbcache_restore() {
  local name=$1 dir db; shift
  [ "${LAB_SCHEMA_CACHE:-1}" = 1 ] || return 1
  dir=$(dbcache_dir)
  for db in "$@"; do [ -s "$dir/$db.sql" ] || return 1; done
  for db in "$@"; do
    if ! psql -q -X -h 127.0.0.1 -p $PG_PORT -U postgres -d "$db" -v ON_ERROR_STOP=1 \
        -f "$dir/$db.sql" >/dev/null; then
      # A bad dump: drop it, empty the databases again and let the real init run.
      echo "$name: restoring $db from $dir failed; running the real init"
      rm -f "$dir/$db.sql"
      for db in "$@"; do
        psql -q -X -h 127.0.0.1 -p $PG_PORT -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
      done
      return 1
    fi
  done
  echo "$name: databases restored from the schema cache $dir"
}

# dbcache_save DB...: dump freshly initialised databases for the next new lab dir.
dbcache_save() {
  [ "${LAB_SCHEMA_CACHE:-1}" = 1 ] || return 0
  local dir db; dir=$(dbcache_dir)
  mkdir -p "$dir"
  for db in "$@"; do
    [ -s "$dir/$db.sql" ] && continue
    pg_dump -h 127.0.0.1 -p $PG_PORT -U postgres --no-owner --no-privileges "$db" >"$dir/$db.sql.$$" &&
      mv "$dir/$db.sql.$$" "$dir/$db.sql" || rm -f "$dir/$db.sql.$$"
  done
}

# Keystone's key repositories are never cached: each lab gets its own fernet and credential
# keys, as fernet_setup/credential_setup make them (files 0 = staged and 1 = primary, mode 600,
# each a urlsafe-base64 32-byte key).
keystone_new_keys() {
  local repo f
  for repo in fernet-keys credential-keys; do
    mkdir -p "$LAB_DIR/keystone/$repo"; chmod 700 "$LAB_DIR/keystone/$repo"
    for f in 0 1; do
      (umask 077; head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' >"$LAB_DIR/keystone/$repo/$f")
    done
  done
}
