#!/usr/bin/env bash
# Ask 169.254.169.254 from inside an instance namespace (the lab's `datapath` service), as the
# instance would: the request goes through brq-, qrouter-/qdhcp-, haproxy and the agent.
#   curl.sh NAME [PATH] [curl options...]   PATH defaults to /openstack/latest/meta_data.json
#   curl.sh --v6 NAME [PATH] [...]           to http://[fe80::a9fe:a9fe%eth0] (the qdhcp- path)
#   curl.sh --cloud-init NAME                cloud-init's own OpenStack reader, output as JSON
#   curl.sh --list                           the instance namespaces
# npm run lab:curl -- NAME PATH  runs this. The exit code is curl's.
set -euo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB_HOME/lib/common.sh"
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
base=http://169.254.169.254
case "${1:-}" in
  ""|-h|--help) usage ;;
  --list) ip netns list | awk '/^inst-/{sub(/^inst-/, "", $1); print $1}' | sort; exit 0 ;;
  --v6) base='http://[fe80::a9fe:a9fe%eth0]'; shift ;;
  --cloud-init)
    [ -n "${2:-}" ] || usage
    exec ip netns exec "inst-$2" "$PY" "$LAB_HOME/cloudinit-read.py" "$base" ;;
esac
name=${1:-}; [ -n "$name" ] || usage; shift
ip netns list | grep -q "^inst-$name\b" ||
  die "no instance namespace inst-$name (curl.sh --list; the lab needs the datapath service)"
path=${1:-/openstack/latest/meta_data.json}; [ $# -gt 0 ] && shift
case "$path" in http*) url=$path ;; /*) url=$base$path ;; *) url=$base/$path ;; esac
exec ip netns exec "inst-$name" curl -sS -g --max-time "${LAB_CURL_TIMEOUT:-15}" "$@" "$url"
