#!/usr/bin/env bash
# Which lab services run (by their pid files) and their memory: PSS summed over each
# service's process group, from /proc/PID/smaps_rollup. Exit 0 if all of the lab's services run.
set -uo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB_HOME/lib/common.sh"
[ -d "$LAB_DIR/run" ] || { echo "no lab at $LAB_DIR"; exit 1; }
SERVICES=$(cat "$LAB_DIR/data/.services" 2>/dev/null || echo "$ALL_SERVICES")
want="postgres keystone neutron"
case " $SERVICES " in *" metadata "*) want="$want rabbitmq epmd agent recorder" ;; esac
case " $SERVICES " in *" nova "*) want="$want nova-metadata" ;; esac
case " $SERVICES " in *" compute "*) want="$want nova-api" ;; esac
case " $SERVICES " in *" datapath "*) want="$want lb-agent l3-agent dhcp-agent" ;; esac

pss_kb() { # pid -> summed PSS (kB) and count of its process group plus its children
  local p total=0 n=0 v   # (postgres backends make themselves group leaders: -P finds them)
  for p in $( { pgrep -g "$1"; pgrep -P "$1"; } | sort -u); do
    v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
    [ -n "$v" ] && { total=$((total + v)); n=$((n + 1)); }
  done
  echo "$total $n"
}

rc=0 sum=0
printf '%-14s %-8s %8s %6s\n' service pid PSS_MiB procs
for s in $want; do
  if pid=$(svc_pid "$s"); then
    read -r kb n < <(pss_kb "$pid")
    sum=$((sum + kb))
    printf '%-14s %-8s %8.1f %6s\n' "$s" "$pid" "$(awk -v k="$kb" 'BEGIN{print k/1024}')" "$n"
  else
    printf '%-14s %-8s\n' "$s" "DOWN"; rc=1
  fi
done
# The agents' rows include their privsep-helper daemons (same process group). What they spawned
# lives in its own session: haproxy, dnsmasq, radvd, by the pid files under the state path.
if case " $SERVICES " in *" datapath "*) true ;; *) false ;; esac; then
  for kind in haproxy dnsmasq radvd; do
    kb=0 n=0
    case $kind in
      dnsmasq) pids=$(cat "$LAB_DIR"/neutron/dhcp/*/pid 2>/dev/null) ;;
      *) pids=$(cat "$LAB_DIR"/neutron/external/pids/*.pid.$kind 2>/dev/null) ;;
    esac
    for p in $pids; do
      v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
      [ -n "$v" ] && { kb=$((kb + v)); n=$((n + 1)); }
    done
    sum=$((sum + kb))
    printf '%-14s %-8s %8.1f %6s\n' "$kind" "-" "$(awk -v k="$kb" 'BEGIN{print k/1024}')" "$n"
  done
fi
printf '%-14s %-8s %8.1f\n' total "" "$(awk -v k="$sum" 'BEGIN{print k/1024}')"
exit $rc
