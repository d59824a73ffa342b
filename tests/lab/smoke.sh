#!/usr/bin/env bash
# Smoke test of a running lab: tokens for every cloud, catalog, neutron filters, the real
# metadata agent -> recorder -> nova path, the compute API. Last line: "N passed, M failed".
set -uo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB_HOME/lib/common.sh"
TOPO="$LAB_DIR/topology.json"
[ -f "$TOPO" ] || { echo "no $TOPO: run tests/lab/up.sh first"; echo "0 passed, 1 failed"; exit 1; }
T0=$(now)
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); printf '  ok    %s\n' "$1"; }
bad() { FAIL=$((FAIL + 1)); printf '  FAIL  %s%s\n' "$1" "${2:+ -- $2}"; }
check() { # description, then a command that must succeed
  local d=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$d"; else bad "$d"; fi
}
eq() { # description actual expected
  if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "got '$2', want '$3'"; fi
}
t() { jq -r "$1" "$TOPO"; }
SERVICES=$(t '.services | join(" ")')
AUTH=$(t .authUrl)

# token BODY-JSON -> sets TOKEN and BODY (the token response)
token() {
  local hdr; hdr=$(mktemp)
  BODY=$(curl -s --max-time 10 -D "$hdr" -H 'Content-Type: application/json' -d "$1" "$AUTH/auth/tokens")
  TOKEN=$(awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' "$hdr" | tr -d '\r')
  rm -f "$hdr"
}
pw_body() { # user password scope-json
  jq -nc --arg u "$1" --arg p "$2" --argjson s "$3" \
    '{auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{id:"default"},password:$p}}},scope:$s}}'
}
project_scope() { jq -nc --arg p "$1" '{project:{name:$p,domain:{id:"default"}}}'; }

echo "== keystone"
declare -A TOK=()
for u in admin alice bob reader; do
  token "$(pw_body "$u" "$(t ".users.$u.password")" "$(project_scope "$(t ".users.$u.project")")")"
  TOK[$u]=$TOKEN
  eq "token lab-$u scoped to project $(t ".users.$u.project")" \
    "$(jq -r .token.project.name <<<"$BODY")" "$(t ".users.$u.project")"
done
eq "lab-reader has only the reader role" "$(jq -r '[.token.roles[].name]|sort|join(",")' <<<"$BODY")" "reader"
for u in alice admin; do
  token "$(jq -nc --arg id "$(t ".appCredentials.$u.id")" --arg s "$(t ".appCredentials.$u.secret")" \
    '{auth:{identity:{methods:["application_credential"],application_credential:{id:$id,secret:$s}}}}')"
  eq "token lab-$u-appcred" "$(jq -r .token.application_credential.name <<<"$BODY")" "$u-appcred"
done
token "$(pw_body admin "$(t .users.admin.password)" '{"domain":{"name":"Default"}}')"
eq "token lab-admin-domain is domain-scoped" "$(jq -r .token.domain.name <<<"$BODY")" "Default"
token "$(pw_body admin "$(t .users.admin.password)" "$(project_scope admin)")"
life=$(jq -r '((.token.expires_at|sub("\\.[0-9]+Z$";"Z")|fromdate) - (.token.issued_at|sub("\\.[0-9]+Z$";"Z")|fromdate))' <<<"$BODY")
eq "token lifetime is 900 s" "$life" 900
for svc in identity network compute; do
  urls=$(jq -r --arg s $svc '[.token.catalog[]|select(.type==$s)|.endpoints[]|select(.region=="RegionOne")|.interface+"="+.url]|sort|join(" ")' <<<"$BODY")
  url=$(jq -r --arg s $svc '[.token.catalog[]|select(.type==$s)|.endpoints[0].url][0]' <<<"$BODY")
  eq "catalog: $svc public/internal/admin in RegionOne" "$urls" "admin=$url internal=$url public=$url"
done
eq "catalog URLs" "$(jq -r '[.token.catalog[]|.type+"="+.endpoints[0].url]|sort|join(" ")' <<<"$BODY")" \
  "compute=http://127.0.0.1:8774/v2.1 identity=http://127.0.0.1:5000/v3 network=http://127.0.0.1:9696"
check "clouds.yaml + secure.yaml: every cloud authenticates (openstacksdk)" \
  "$PY" -c '
import sys, openstack.config as c
cfg = c.OpenStackConfig(config_files=[sys.argv[1]], secure_files=[sys.argv[2]])
for name in sys.argv[3:]:
    assert cfg.get_one(name).get_session().get_token(), name' \
  "$LAB_DIR/clouds.yaml" "$LAB_DIR/secure.yaml" $(t '.clouds|join(" ")')
check "secure.yaml holds the secrets, clouds.yaml none" \
  bash -c "! grep -Eq 'password|secret' '$LAB_DIR/clouds.yaml' && grep -q application_credential_secret '$LAB_DIR/secure.yaml'"
check "lab.env is sourceable" bash -c ". '$LAB_DIR/lab.env' && [ -n \"\$OS_AUTH_URL\" ] && [ \"\$LAB_DIR\" = '$LAB_DIR' ]"

echo "== neutron"
NET=$(t .networkUrl)
nget() { curl -s --max-time 10 -H "X-Auth-Token: ${TOK[${2:-admin}]}" "$NET/v2.0/$1"; }
eq "admin sees the 5 seeded networks" \
  "$(nget networks | jq -r '[.networks[].name|select(test("^(public|alpha-net|beta-net|beta-net2|beta-isolated)$"))]|length')" 5
eq "alice sees alpha-net and public, not beta-net" \
  "$(nget networks alice | jq -r '[.networks[].name]|sort|join(",")')" "alpha-net,public"
ANET=$(t '.networks["alpha-net"].id')
eq "ports filter fixed_ips ip_address=10.0.0.10 on alpha-net -> alpha-vm1" \
  "$(nget "ports?fixed_ips=ip_address%3D10.0.0.10&network_id=$ANET" | jq -r '[.ports[].device_id]|join(",")')" \
  "$(t '.instances["alpha-vm1"].id')"
eq "10.0.0.10 exists twice across networks (alpha-vm1, beta-vm1)" \
  "$(nget "ports?fixed_ips=ip_address%3D10.0.0.10&device_owner=compute:nova" | jq -r '.ports|length')" 2
eq "alpha-router has 2 interface ports" \
  "$(nget "ports?device_id=$(t '.routers["alpha-router"].id')&device_owner=network:router_interface" | jq -r '.ports|length')" 2
eq "alpha-router gateway pinned to 203.0.113.101" \
  "$(nget "routers/$(t '.routers["alpha-router"].id')" | jq -r '.router.external_gateway_info.external_fixed_ips[0].ip_address')" 203.0.113.101
eq "pagination: ports?limit=2 has a next link" \
  "$(nget "ports?limit=2&sort_key=id&sort_dir=asc" | jq -r '"\(.ports|length) \((.ports_links // []) | map(.rel) | index("next") != null)"')" "2 true"
eq "floating IP 203.0.113.110 -> alpha-vm1's port" \
  "$(nget "floatingips?floating_ip_address=203.0.113.110" | jq -r '.floatingips[0].port_id')" "$(t '.ports["alpha-vm1"].id')"
eq "dhcp port of alpha-net at 10.0.0.2" \
  "$(nget "ports?device_owner=network:dhcp&network_id=$ANET" | jq -r '[.ports[].fixed_ips[]|select(.ip_address|test("^10\\."))|.ip_address]|join(",")')" 10.0.0.2

if [[ " $SERVICES " == *" metadata "* ]]; then
  echo "== metadata path (agent socket -> recorder -> nova-api-metadata)"
  SOCK=$(t .agentSocket) REC=$(t .recorderUrl)
  curl -s --max-time 5 -X DELETE "$REC/__captured" >/dev/null
  md() { # ip router-name path
    curl -s --max-time 10 -w '\n%{http_code}' --unix-socket "$SOCK" -H "X-Forwarded-For: $1" \
      -H "X-Neutron-Router-ID: $(t ".routers[\"$2\"].id")" "http://169.254.169.254$3"
  }
  out=$(md 10.0.0.10 alpha-router /openstack/latest/meta_data.json)
  eq "agent: 10.0.0.10 via alpha-router -> 200" "$(tail -n1 <<<"$out")" 200
  want_uuid=$(t '.instances["alpha-vm1"].id')
  if [[ " $SERVICES " == *" nova "* ]]; then
    eq "meta_data.json uuid is alpha-vm1" "$(head -n -1 <<<"$out" | jq -r .uuid)" "$want_uuid"
  fi
  cap=$(curl -s --max-time 5 "$REC/__captured")
  eq "recorder captured 1 request" "$(jq length <<<"$cap")" 1
  eq "captured X-Instance-ID = alpha-vm1" "$(jq -r '.[0].headers["x-instance-id"]' <<<"$cap")" "$want_uuid"
  eq "captured X-Tenant-ID = project alpha" "$(jq -r '.[0].headers["x-tenant-id"]' <<<"$cap")" "$(t .projects.alpha)"
  eq "captured signature valid" "$(jq -r '.[0].signatureValid' <<<"$cap")" true
  eq "captured X-Forwarded-For 10.0.0.10" "$(jq -r '.[0].headers["x-forwarded-for"]' <<<"$cap")" 10.0.0.10
  out=$(md 10.0.0.10 beta-router /openstack/latest/meta_data.json)
  eq "agent: same IP via beta-router -> beta-vm1" \
    "$(head -n -1 <<<"$out" | jq -r '.uuid // empty' 2>/dev/null || true)$(tail -n1 <<<"$out")" \
    "$([[ " $SERVICES " == *" nova "* ]] && t '.instances["beta-vm1"].id')200"
  eq "agent: unknown IP -> 404" "$(md 10.0.0.99 alpha-router /openstack/latest/meta_data.json | tail -n1)" 404
  if [[ " $SERVICES " == *" nova "* ]]; then
    eq "user_data of alpha-vm1 is #cloud-config" \
      "$(md 10.0.0.10 alpha-router /openstack/latest/user_data | head -n1)" "#cloud-config"
    eq "network_data.json of alpha-vm1 has its MAC" \
      "$(md 10.0.0.10 alpha-router /openstack/latest/network_data.json | head -n -1 | jq -r '.links[0].ethernet_mac_address')" \
      "$(t '.ports["alpha-vm1"].mac')"
    code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -H "X-Instance-ID: $want_uuid" \
      -H "X-Tenant-ID: $(t .projects.alpha)" -H "X-Instance-ID-Signature: 00bad" "$REC/openstack/latest/meta_data.json")
    eq "bad signature -> nova 403" "$code" 403
    eq "recorder marks it invalid" "$(curl -s "$REC/__captured" | jq -r '.[-1].signatureValid')" false
  fi
  curl -s --max-time 5 -X DELETE "$REC/__captured" >/dev/null
fi

if [[ " $SERVICES " == *" compute "* ]]; then
  echo "== compute API"
  CMP=$(t .computeUrl)
  cget() { curl -s --max-time 20 -H "X-Auth-Token: ${TOK[$2]}" "$CMP/$1"; }
  eq "alice lists alpha-vm1, alpha-vm2" "$(cget servers alice | jq -r '[.servers[].name]|sort|join(",")')" "alpha-vm1,alpha-vm2"
  d=$(cget "servers/$(t '.instances["alpha-vm1"].id')" alice)
  eq "alpha-vm1 ACTIVE with fixed and floating addresses" \
    "$(jq -r '.server.status + " " + ([.server.addresses["alpha-net"][].addr]|sort|join(","))' <<<"$d")" \
    "ACTIVE 10.0.0.10,$(t '.ports["alpha-vm1"].ips[1]'),203.0.113.110"
  eq "bob lists 4 servers" "$(cget servers bob | jq -r '.servers|length')" 4
  eq "admin all_tenants lists 6 servers" "$(cget 'servers?all_tenants=1' admin | jq -r '.servers|length')" 6
  eq "alice's keypairs" "$(cget os-keypairs alice | jq -r '[.keypairs[].keypair.name]|join(",")')" alpha-key
fi

if [[ " $SERVICES " == *" datapath "* ]]; then
  echo "== data path (from inside the instance namespaces)"
  for name in $(t '.datapath.instances | keys | join(" ")'); do
    eq "inst-$name gets its own meta_data.json" \
      "$(ip netns exec "inst-$name" curl -s --max-time 15 http://169.254.169.254/openstack/latest/meta_data.json | jq -r .uuid)" \
      "$(t ".instances[\"$name\"].id")"
  done
  eq "beta-vm4 over IPv6 link-local (qdhcp-)" \
    "$(ip netns exec inst-beta-vm4 curl -s -g --max-time 15 'http://[fe80::a9fe:a9fe%eth0]/openstack/latest/meta_data.json' | jq -r .uuid)" \
    "$(t '.instances["beta-vm4"].id')"
  eq "3 agents alive on oslab" "$(nget 'agents?host=oslab' | jq -r '[.agents[]|select(.alive)]|length')" 3
  eq "no fault is on" "$(ls "$LAB_DIR"/run/fault-* 2>/dev/null | wc -l)" 0
fi

echo "smoke test took $(since "$T0") s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
