#!/usr/bin/env bash
# Measures every fault (or the ones named): switch on, what curl sees from inside the target
# instance (status or error, --max-time 10), switch off. Prints the README's fault table rows.
#   fault-table.sh [NAME...]
set -uo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB_HOME/lib/common.sh"
names=${*:-$(bash "$LAB_HOME/fault.sh" list | awk 'NR>1{print $1}')}
sense() { # instance -> "exit N, HTTP S: first body line | curl's error"
  local body err code rc=0; body=$(mktemp); err=$(mktemp)
  code=$(ip netns exec "inst-$1" curl -sS -o "$body" -w '%{http_code}' --max-time 10 \
    http://169.254.169.254/openstack/latest/meta_data.json 2>"$err") || rc=$?
  if [ "$rc" = 0 ]; then printf 'exit 0, HTTP %s `%s`' "$code" "$(tr -s '\n' ' ' <"$body" | sed 's/<[^>]*>//g' | cut -c1-70)"
  else printf 'exit %s `%s`' "$rc" "$(sed 's/^curl: ([0-9]*) //' "$err" | head -n 1)"; fi
  rm -f "$body" "$err"
}
echo "| fault | target | seen from the instance (curl --max-time 10) | on (s) | off (s) |"
echo "|---|---|---|---|---|"
for n in $names; do
  target=$(bash "$LAB_HOME/fault.sh" list | awk -v n="$n" '$1==n{print $3}')
  t=$(now); bash "$LAB_HOME/fault.sh" "$n" on >>"$LAB_DIR/log/fault.log" 2>&1 || { echo "| $n | $target | ON FAILED (log/fault.log) | | |"; continue; }
  t_on=$(since "$t"); seen=$(sense "$target")
  t=$(now); bash "$LAB_HOME/fault.sh" "$n" off >>"$LAB_DIR/log/fault.log" 2>&1 || seen="$seen; OFF FAILED (log/fault.log)"
  t_off=$(since "$t")
  echo "| $n | $target | $seen | $t_on | $t_off |"
done
