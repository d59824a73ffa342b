#!/usr/bin/env bash
# Which OVN lab services run (by their pid files) and their memory: PSS from
# /proc/PID/smaps_rollup, per service (its process group and children), plus the agent's
# re-parented privsep daemons and haproxies and the instances' dhclients.
# Exit 0 if every service runs.
set -uo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
[ -d "$RUN" ] || { echo "no OVN lab at $OVN_LAB_DIR"; exit 1; }
pss_of() { # pids... -> "kB count"
  local p v total=0 n=0
  for p in "$@"; do
    v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
    [ -n "$v" ] && { total=$((total + v)); n=$((n + 1)); }
  done
  echo "$total $n"
}
row() { printf '%-22s %-8s %8.1f %6s\n' "$1" "$2" "$(awk -v k="$3" 'BEGIN{print k/1024}')" "$4"; }
rc=0 sum=0
strays=" $(ovn_strays | sort -u | tr '\n' ' ') "   # counted apart below, not in the agent's group
printf '%-22s %-8s %8s %6s\n' service pid PSS_MiB procs
for s in ovsdb-nb ovsdb-sb ovsdb-local vswitchd northd controller neutron agent; do
  if pid=$(svc_pid "$s"); then
    read -r kb n < <(pss_of $( { pgrep -g "$pid"; pgrep -P "$pid"; } | sort -u |
      while read -r p; do case "$strays" in *" $p "*) ;; *) echo "$p" ;; esac; done))
    sum=$((sum + kb)); row "$s" "$pid" "$kb" "$n"
  else printf '%-22s %-8s\n' "$s" DOWN; rc=1; fi
done
read -r kb n < <(pss_of $(for p in $strays; do grep -q privsep /proc/"$p"/cmdline 2>/dev/null && echo "$p"; done))
sum=$((sum + kb)); row "agent privsep daemons" - "$kb" "$n"
read -r kb n < <(pss_of $(for p in $strays; do [ "$(cat /proc/"$p"/comm 2>/dev/null)" = haproxy ] && echo "$p"; done))
sum=$((sum + kb)); row "haproxy (ovnmeta-)" - "$kb" "$n"
read -r kb n < <(pss_of $(for f in "$RUN"/dhclient-*.pid; do [ -f "$f" ] && cat "$f"; done))
sum=$((sum + kb)); row "dhclient (instances)" - "$kb" "$n"
printf '%-22s %-8s %8.1f\n' total "" "$(awk -v k="$sum" 'BEGIN{print k/1024}')"
exit $rc
