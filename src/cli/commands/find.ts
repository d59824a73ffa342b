/**
 * `stacklens find QUERY`: the app's topology search from a shell. Fetches the topology once (every
 * page of every list, as the app does) and searches it by IP, MAC, CIDR, name or id prefix; an IP
 * no port holds lists the subnets it would fall in.
 */
import { parseArgs } from 'node:util';
import { AppError } from '@main/errors';
import { fetchTopology, type FetchScope } from '@main/topology/fetch-topology';
import {
  buildSearchIndex,
  buildTopologyModel,
  entityKindLabel,
  type SearchHit,
  type TopologyModel,
} from '@shared/topology';
import type { CliCommand } from '../cli-io';
import { openCloud } from '../cloud-session';
import { cloudArg } from '../cloud-arg';
import { EXIT } from '../exit-codes';
import { resolveOptionalId } from '../find-name';
import { OUTPUT_ARGS, outputOptions, renderList, type Row } from '../output';
import { UsageError } from '../usage-error';

export const FIND_COLUMNS = ['kind', 'name', 'id', 'match', 'value', 'project', 'context'] as const;

export const findOptions = {
  cloud: { type: 'string' },
  project: { type: 'string' },
  kind: { type: 'string' },
  ...OUTPUT_ARGS,
} as const;

const KINDS: Record<string, SearchHit['ref']['kind']> = {
  router: 'router',
  network: 'network',
  subnet: 'subnet',
  port: 'port',
  instance: 'server',
  server: 'server',
  'floating-ip': 'floatingIp',
};

const usage = `stacklens find [--cloud NAME] [--project NAME|ID] [--kind KIND] [-f table|value|json] [-c COLUMN] QUERY

  QUERY      an IP (fixed, floating, gateway; IPv4-mapped and IPv6 too), a CIDR, a MAC or
             its prefix, a name (substring) or an id prefix (4+ characters)
  --cloud    a clouds.yaml cloud (default $OS_CLOUD)
  --project  only this project (admins search every project by default)
  --kind     only ${Object.keys(KINDS).join(', ')}
  -f, -c     output format and columns (${FIND_COLUMNS.join(', ')})
Exit 0 with matches, 2 with none.`;

function projectName(model: TopologyModel, hit: SearchHit): string {
  const owner =
    model.routers.get(hit.ref.id) ??
    model.networks.get(hit.ref.id) ??
    model.subnets.get(hit.ref.id) ??
    model.ports.get(hit.ref.id) ??
    model.servers.get(hit.ref.id) ??
    model.floatingIps.get(hit.ref.id);
  if (!owner) return '';
  return model.projectNames.get(owner.projectId) ?? owner.projectId;
}

/** One output row per search hit. */
export function hitRows(model: TopologyModel, hits: readonly SearchHit[]): Row[] {
  return hits.map((hit) => ({
    kind: entityKindLabel[hit.ref.kind].toLowerCase(),
    name: hit.label,
    id: hit.ref.id,
    match: hit.field,
    value: hit.value,
    project: projectName(model, hit),
    context: hit.context,
  }));
}

export const findCommand: CliCommand = {
  summary: 'Find an IP, MAC, CIDR, name or id in the topology (every project for admins)',
  usage,
  options: findOptions,
  columns: FIND_COLUMNS,
  optionValues: { kind: Object.keys(KINDS) },
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: findOptions, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('find takes one QUERY.');
    const kind = values.kind === undefined ? undefined : KINDS[values.kind];
    if (values.kind !== undefined && !kind) throw new UsageError(`--kind is one of ${Object.keys(KINDS).join(', ')}.`);
    const output = outputOptions(values, FIND_COLUMNS);
    const cloud = cloudArg(values, io);
    const { client, isAdmin, session } = await openCloud(cloud, io);
    try {
      const auth = session.auth;
      const token = auth.scope.kind === 'project' ? auth.scope : undefined;
      if (values.project !== undefined && !isAdmin) {
        throw new AppError(
          'FORBIDDEN',
          'Only an admin session can search another project.',
          'Drop --project: a member sees its own project.',
        );
      }
      const projectId = await resolveOptionalId(client, 'project', values.project, isAdmin);
      const scope: FetchScope = {
        cloudName: cloud,
        isAdmin,
        sessionProjectId: token?.id,
        sessionProjectName: token?.name,
        // An admin looks across the cloud, as the agent does; a member sees the project.
        allProjects: isAdmin,
        projectId,
      };
      const model = buildTopologyModel(await fetchTopology(client, scope));
      const hits = buildSearchIndex(model)
        .search(positionals[0])
        .hits.filter((h) => !kind || h.ref.kind === kind);
      const rows = hitRows(model, hits);
      if (rows.length === 0) {
        io.stderr(`No match for "${positionals[0]}" in ${cloud}${isAdmin ? '' : ' (project view)'}.\n`);
        return EXIT.NOT_FOUND;
      }
      io.stdout(`${renderList(FIND_COLUMNS, rows, output)}\n`);
      return EXIT.OK;
    } finally {
      await session.close();
    }
  },
};
