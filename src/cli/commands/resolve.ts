/** `stacklens resolve [--cloud NAME] --ip IP (--router NAME|ID | --network NAME|ID)`: the agent's resolution, traced. */
import { parseArgs } from 'node:util';
import { createResolver } from '@main/metadata/resolver';
import type { ResolveTrace } from '@shared/models/metadata';
import type { CliCommand } from '../cli-io';
import { cloudArg } from '../cloud-arg';
import { openCloud } from '../cloud-session';
import { painter } from '../colour';
import { exitForOutcome } from '../exit-codes';
import { resolveOptionalId } from '../find-name';
import { formatTrace } from '../format';
import { OUTPUT_ARGS, outputOptions, renderRecord, type Row } from '../output';
import { UsageError } from '../usage-error';
import { visibilityFor } from '@main/sessions/access';

export const RESOLVE_COLUMNS = [
  'outcome',
  'instance_id',
  'project_id',
  'port_id',
  'network_id',
  'device_owner',
  'reason',
  'ip',
  'router_id',
  'path',
  'neutron_calls',
  'duration_ms',
] as const;

const options = {
  cloud: { type: 'string' },
  ip: { type: 'string' },
  router: { type: 'string' },
  network: { type: 'string' },
  json: { type: 'boolean' },
  ...OUTPUT_ARGS,
} as const;

/** The trace as one flat record, for -f table|value|json -c COLUMN. */
export function traceRecord(trace: ResolveTrace): Row {
  const o = trace.outcome;
  return {
    outcome: o.kind,
    instance_id: o.kind === 'resolved' ? o.instanceId : null,
    project_id: o.kind === 'resolved' ? o.projectId : null,
    port_id: o.kind === 'resolved' ? o.portId : null,
    network_id: o.kind === 'resolved' ? o.networkId : (trace.request.networkId ?? null),
    device_owner: o.kind === 'resolved' ? o.deviceOwner : null,
    reason: o.kind === 'resolved' ? null : o.kind === 'error' ? o.message : o.reason,
    ip: trace.request.ip,
    router_id: trace.request.routerId ?? null,
    path: trace.path,
    neutron_calls: trace.neutronCalls,
    duration_ms: Math.round(trace.durationMs * 10) / 10,
  };
}

export const resolveCommand: CliCommand = {
  summary: 'Resolve an instance address like neutron-metadata-agent and print the trace',
  usage: `stacklens resolve [--cloud NAME] --ip IP (--router NAME|ID | --network NAME|ID) [-f FORMAT] [-c COLUMN]

  --cloud     a clouds.yaml cloud (default $OS_CLOUD)
  --ip        the instance source address as X-Forwarded-For carries it
              (IPv4, IPv4-mapped ::ffff:a.b.c.d, or IPv6 link-local fe80::...)
  --router    router name or id (the l3-agent path, X-Neutron-Router-ID)
  --network   network name or id (the dhcp-agent path, X-Neutron-Network-ID)
  -f table|value|json   the outcome as fields (json without -c: the whole trace)
  -c COLUMN   only these fields (${RESOLVE_COLUMNS.join(', ')})
  --json      same as -f json
Without -f the trace is printed step by step. A name shared by several routers or networks is an
error listing them. The agent searches every project's ports: use an admin cloud for its exact answer.`,
  options,
  columns: RESOLVE_COLUMNS,
  async run(args, io) {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    if (!values.ip) throw new UsageError('resolve needs --ip.');
    // Both ids are passed on: the resolver refuses them as the agent does (exit 3), which is worth seeing.
    if (!values.router && !values.network)
      throw new UsageError('resolve needs --router or --network (the header the namespace proxy adds).');
    const format = values.json ? 'json' : values.format;
    const output = format || values.column ? outputOptions({ ...values, format }, RESOLVE_COLUMNS) : undefined;
    const cloud = cloudArg(values, io);
    const { client, isAdmin, session } = await openCloud(cloud, io);
    try {
      const [routerId, networkId] = await Promise.all([
        resolveOptionalId(client, 'router', values.router, isAdmin),
        resolveOptionalId(client, 'network', values.network, isAdmin),
      ]);
      const resolver = createResolver({ client, visibility: visibilityFor(isAdmin) });
      const trace = await resolver.resolve({ ip: values.ip, routerId, networkId });
      if (!output) io.stdout(`${formatTrace(trace, painter(io))}\n`);
      else if (output.format === 'json' && !output.columns.length) io.stdout(`${JSON.stringify(trace, null, 2)}\n`);
      else io.stdout(`${renderRecord(RESOLVE_COLUMNS, traceRecord(trace), output)}\n`);
      return exitForOutcome(trace.outcome);
    } finally {
      await session.close();
    }
  },
};
