/**
 * nova-api-metadata asked for this instance exactly as the agent would (signed with the stored
 * shared secret): 200, 403 (secrets differ), 404 (instance or project mismatch), 400 (nova not in
 * proxy mode), unreachable; without a secret, say what that leaves unchecked. Plus the server's
 * own state in Nova.
 */
import type { Finding } from '@shared/models/doctor';
import { finding, type DoctorCheck, type InstanceContext } from './types';

const SECRET_FIX =
  'nova.conf [neutron] metadata_proxy_shared_secret = <S> and metadata_agent.ini [DEFAULT] metadata_proxy_shared_secret = <S> (the same value); restart nova-api-metadata and neutron-metadata-agent';

function answerFinding(ctx: InstanceContext, status: number, url: string, said?: string): Finding {
  const who = ctx.server?.projectId ?? '?';
  const base = {
    area: 'nova' as const,
    checked: `A signed GET ${url}/openstack for instance ${ctx.instanceId}, project ${who} (X-Instance-ID-Signature with the stored secret).`,
    evidence: [
      {
        call: `GET ${url}/openstack (X-Instance-ID: ${ctx.instanceId})`,
        fields: { status, ...(said ? { said } : {}) },
      },
    ],
  };
  if (status >= 200 && status < 300)
    return finding({
      ...base,
      check: 'nova.ok',
      severity: 'ok',
      title: 'nova-api-metadata serves this instance (200) with the stored secret',
    });
  if (status === 403) {
    return finding({
      ...base,
      check: 'nova.secret-mismatch',
      severity: 'blocking',
      title: 'nova-api-metadata rejects the signature (403): the shared secrets differ',
      instanceSees: 'HTTP 403 "Access was denied to this resource." when the agent holds the same secret as StackLens.',
      fix: SECRET_FIX,
    });
  }
  if (status === 404) {
    return finding({
      ...base,
      check: 'nova.not-found',
      severity: 'blocking',
      title: `nova-api-metadata has no instance ${ctx.instanceId} in project ${who} (404)`,
      instanceSees: 'HTTP 404 for every document.',
      fix: `openstack server show ${ctx.instanceId} -c project_id -c status   # the port's project must be the server's`,
    });
  }
  if (status === 400) {
    return finding({
      ...base,
      check: 'nova.not-proxy-mode',
      severity: 'blocking',
      title: 'nova-api-metadata refuses the proxy headers (400): it is not in proxy mode',
      instanceSees: 'HTTP 400 (or 404) for every document.',
      fix: 'nova.conf [neutron] service_metadata_proxy = true   # restart nova-api-metadata',
    });
  }
  return finding({
    ...base,
    check: 'nova.error',
    severity: 'blocking',
    title: `nova-api-metadata answers ${status}`,
    instanceSees: `HTTP ${status >= 500 ? '500' : status}.`,
    fix: "See nova-api-metadata's log on the controller for the traceback.",
  });
}

function serverFindings(ctx: InstanceContext): Finding[] {
  const missing = ctx.idx.data.missing.servers;
  if (missing)
    return [
      finding({
        check: 'server.not-checked',
        area: 'server',
        severity: 'info',
        notChecked: missing.reason,
        title: 'The server was not read from Nova',
        checked: missing.detail,
      }),
    ];
  const s = ctx.server;
  const call = `GET /servers/${ctx.instanceId}`;
  if (!s) {
    return [
      finding({
        check: 'server.missing',
        area: 'server',
        severity: 'blocking',
        title: `Nova has no server ${ctx.instanceId} visible to this session`,
        checked: "The server in Nova's compute API.",
        evidence: [{ call, fields: { found: false } }],
        instanceSees: 'The agent forwards the request but nova answers 404.',
        fix: `openstack server show ${ctx.instanceId}`,
      }),
    ];
  }
  const fields = { status: s.status, 'OS-EXT-SRV-ATTR:host': s.host ?? null, config_drive: s.configDrive };
  if (s.status !== 'ACTIVE') {
    return [
      finding({
        check: 'server.not-active',
        area: 'server',
        severity: 'info',
        title: `The instance is ${s.status}, not ACTIVE`,
        checked: "The server's state.",
        evidence: [{ call, fields }],
        fix: s.status === 'SHUTOFF' ? `openstack server start ${s.id}` : undefined,
      }),
    ];
  }
  return [
    finding({
      check: 'server.ok',
      area: 'server',
      severity: 'ok',
      title: `The instance is ACTIVE${s.host ? ` on ${s.host}` : ''}`,
      checked: "The server's state, host and config drive.",
      evidence: [{ call, fields }],
    }),
  ];
}

export const novaCheck: DoctorCheck = {
  id: 'nova',
  backend: 'any',
  run(ctx) {
    const out = serverFindings(ctx);
    const n = ctx.nova;
    if (n.kind === 'answer') out.push(answerFinding(ctx, n.status, n.url, n.said));
    else if (n.kind === 'unreachable') {
      out.push(
        finding({
          check: 'nova.unreachable',
          area: 'nova',
          severity: 'warning',
          notChecked: 'api-error',
          confirms: ['http-500', 'http-503'],
          title: `StackLens could not reach nova-api-metadata at ${n.url}`,
          checked: `${n.message} The agent reaches it from its own host, so this says little about the instance.`,
          fix: "Check the cloud's nova metadata URL in the metadata settings (the agent's nova_metadata_host:nova_metadata_port).",
        }),
      );
    } else {
      out.push(
        finding({
          check: 'nova.not-checked',
          area: 'nova',
          severity: 'info',
          notChecked: n.reason,
          title: 'nova-api-metadata was not asked',
          checked: n.detail,
        }),
      );
    }
    return out;
  },
};
