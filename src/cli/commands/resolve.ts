/** `stacklens resolve --cloud NAME --ip IP (--router ID | --network ID)`: the agent's resolution, traced. */
import { parseArgs } from 'node:util';
import { createResolver } from '@main/metadata/resolver';
import type { CliCommand } from '../cli-io';
import { openCloud } from '../cloud-session';
import { exitForOutcome } from '../exit-codes';
import { formatTrace } from '../format';
import { UsageError } from '../usage-error';

export const resolveCommand: CliCommand = {
  summary: 'Resolve an instance address like neutron-metadata-agent and print the trace',
  usage: `stacklens resolve --cloud NAME --ip IP (--router ID | --network ID) [--json]

  --ip        the instance source address as X-Forwarded-For carries it
              (IPv4, IPv4-mapped ::ffff:a.b.c.d, or IPv6 link-local fe80::...)
  --router    router id (the l3-agent path, X-Neutron-Router-ID)
  --network   network id (the dhcp-agent path, X-Neutron-Network-ID)
  --json      print the ResolveTrace as JSON
The agent searches every project's ports: use an admin cloud for its exact answer.`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        cloud: { type: 'string' },
        ip: { type: 'string' },
        router: { type: 'string' },
        network: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.cloud || !values.ip) throw new UsageError('resolve needs --cloud and --ip.');
    // Both ids are passed on: the resolver refuses them as the agent does (exit 3), which is worth seeing.
    if (!values.router && !values.network)
      throw new UsageError('resolve needs --router ID or --network ID (the header the namespace proxy adds).');
    const { client, isAdmin, session } = await openCloud(values.cloud, io);
    try {
      const resolver = createResolver({ client, visibility: isAdmin ? 'cloud' : 'project' });
      const trace = await resolver.resolve({ ip: values.ip, routerId: values.router, networkId: values.network });
      io.stdout(values.json ? `${JSON.stringify(trace, null, 2)}\n` : `${formatTrace(trace)}\n`);
      return exitForOutcome(trace.outcome);
    } finally {
      await session.close();
    }
  },
};
