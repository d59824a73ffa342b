/**
 * `stacklens metadata [--cloud NAME] --instance NAME|ID [PATH]`: which paths reach the instance, how each
 * resolves, then what nova-api-metadata serves it (one PATH byte-exact on stdout, or every document).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '@main/errors';
import {
  chooseResolution,
  fetchInstanceDocuments,
  fetchOneDocument,
  lookupInstance,
  novaApiView,
  suggestNovaMetadataUrl,
} from '@main/metadata/metadata-lookup';
import { DEFAULT_NOVA_TIMEOUT_MS, type NovaMetadataTarget } from '@main/metadata/nova-metadata-client';
import { explainNovaStatus } from '@main/metadata/explain-nova';
import { createResolver } from '@main/metadata/resolver';
import type { InstanceLookup, MetadataFetchResult, ResolveRequest } from '@shared/models/metadata';
/** What lookupInstance returns (the app adds canFetch and missing). */
type Lookup = Omit<InstanceLookup, 'canFetch' | 'missing'>;
import type { ServiceClient } from '@main/openstack/service-client';
import type { CliCommand, CliIo } from '../cli-io';
import { cloudArg } from '../cloud-arg';
import { openCloud } from '../cloud-session';
import { EXIT, exitForNovaStatus } from '../exit-codes';
import { resolveId, resolveOptionalId } from '../find-name';
import { formatDocumentList, formatLookup, formatNovaApiView } from '../format';
import { readMetadataSecret, refuseSecretArgument, SECRET_ENV } from '../secret';
import { UsageError } from '../usage-error';
import { visibilityFor } from '@main/sessions/access';
import { isUtf8Text } from '../terminal';

export const NOVA_URL_ENV = 'STACKLENS_NOVA_METADATA_URL';

/** nova-api-metadata's URL: --nova-url, else $STACKLENS_NOVA_METADATA_URL, else guessed from the catalog. */
export function requireNovaUrl(flag: string | undefined, io: CliIo, client: ServiceClient): string {
  const url = flag ?? io.env[NOVA_URL_ENV] ?? suggestNovaMetadataUrl(client);
  if (!url)
    throw new AppError(
      'CONFIG_INVALID',
      'No nova-api-metadata URL: the catalog has no compute endpoint to guess from.',
      `Pass --nova-url or set ${NOVA_URL_ENV}.`,
    );
  return url;
}

const options = {
  cloud: { type: 'string' },
  instance: { type: 'string' },
  'nova-url': { type: 'string' },
  'secret-file': { type: 'string' },
  'nova-cacert': { type: 'string' },
  'nova-insecure': { type: 'boolean' },
  'nova-cert': { type: 'string' },
  'nova-key': { type: 'string' },
  timeout: { type: 'string' },
  ip: { type: 'string' },
  router: { type: 'string' },
  network: { type: 'string' },
  'no-ec2': { type: 'boolean' },
  json: { type: 'boolean' },
  output: { type: 'string' },
  raw: { type: 'boolean' },
} as const;

export const metadataCommand: CliCommand = {
  summary: 'Show the metadata paths of an instance and what nova-api-metadata serves it',
  usage: `stacklens metadata [--cloud NAME] --instance NAME|ID [PATH] [options]

  --cloud NAME     a clouds.yaml cloud (default $OS_CLOUD)
  --instance X     the instance's name or id (a name several instances share is an error
                   listing them)
  PATH             one document, e.g. /openstack/latest/user_data or /latest/meta-data/
                   (its body goes to stdout byte-exact; diagnostics go to stderr)
  --nova-url URL   nova-api-metadata, default $${NOVA_URL_ENV}, else the compute
                   endpoint's host on port 8775
  --secret-file F  file holding metadata_proxy_shared_secret (else $${SECRET_ENV});
                   the secret is never accepted as an argument
  --nova-cacert F  CA bundle for https (agent: auth_ca_cert)
  --nova-insecure  do not verify nova's certificate (agent: nova_metadata_insecure)
  --nova-cert F --nova-key F   client certificate (agent: nova_client_cert / priv_key)
  --timeout S      seconds per nova request (default 60, as the agent)
  --ip IP (--router NAME|ID | --network NAME|ID)  fetch through this resolution instead of the plan's
  --no-ec2         skip the EC2 tree when fetching every document
  --json           JSON output
  --output FILE    write PATH's document to FILE (mode 0600) instead of stdout
  --raw            write a binary document to stdout even when it is a terminal
                   (otherwise refused there: binary bytes can drive the terminal)
Without a secret it prints what is missing and what Nova's compute API offers instead.`,
  options,
  async run(args, io) {
    refuseSecretArgument(args);
    const { values, positionals } = parse(args);
    if (!values.instance) throw new UsageError('metadata needs --instance NAME|ID.');
    const cloud = cloudArg(values, io);
    if (positionals.length > 1) throw new UsageError('Give at most one PATH.');
    const path = positionals[0];
    if (path !== undefined && !path.startsWith('/')) throw new UsageError(`PATH must start with / (got ${path}).`);
    if (values.ip && !values.router && !values.network) throw new UsageError('--ip needs --router or --network.');
    const timeoutS = values.timeout ? Number(values.timeout) : DEFAULT_NOVA_TIMEOUT_MS / 1000;
    if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError('--timeout is a positive number of seconds.');
    const json = values.json === true;
    const note = (text: string) => io.stderr(`${text}\n`);

    const { client, isAdmin, session } = await openCloud(cloud, io);
    try {
      const instanceId = await resolveId(client, 'instance', values.instance, isAdmin);
      const resolver = createResolver({ client, visibility: visibilityFor(isAdmin) });
      const lookup = await lookupInstance(
        { cloudId: cloud, client, resolver, view: visibilityFor(isAdmin) },
        instanceId,
      );
      if (!json) note(formatLookup(lookup));

      const { secret, warning } = readMetadataSecret(io.env, values['secret-file']);
      if (warning) note(`warning: ${warning}`);
      if (secret === undefined) {
        const view = await novaApiView(client, instanceId);
        if (json) io.stdout(`${JSON.stringify({ lookup, missing: 'secret', novaApi: view }, null, 2)}\n`);
        else
          note(
            `\nNo metadata shared secret: set ${SECRET_ENV} or pass --secret-file to fetch what the instance sees.\n${formatNovaApiView(view)}`,
          );
        return EXIT.AUTH_CONFIG;
      }
      const target = novaTarget(values, io, client, { secret, timeoutMs: timeoutS * 1000, json });
      const via = await resolutionToFetch(values, io, client, isAdmin, lookup, json);
      if (typeof via === 'number') return via;

      if (path !== undefined)
        return await fetchOne(io, resolver, target, via, path, {
          json,
          output: values.output,
          raw: values.raw === true,
        });
      const result = await fetchInstanceDocuments(resolver, target, via, { ec2: values['no-ec2'] !== true });
      printDocuments(io, lookup, result, json);
      return EXIT.OK;
    } finally {
      await session.close();
    }
  },
};

function parse(args: string[]) {
  return parseArgs({ args, options, strict: true, allowPositionals: true });
}
type Values = ReturnType<typeof parse>['values'];

/** Where and how to ask nova: --nova-url, $STACKLENS_NOVA_METADATA_URL, else the compute endpoint's host on 8775. */
function novaTarget(
  values: Values,
  io: CliIo,
  client: ServiceClient,
  opts: { secret: string; timeoutMs: number; json: boolean },
): NovaMetadataTarget {
  const url = requireNovaUrl(values['nova-url'], io, client);
  if (!values['nova-url'] && !io.env[NOVA_URL_ENV] && !opts.json)
    io.stderr(`using ${url} (the compute endpoint's host on port 8775; --nova-url to change)\n`);
  return {
    url,
    secret: opts.secret,
    timeoutMs: opts.timeoutMs,
    tls: {
      verify: values['nova-insecure'] !== true,
      cacert: values['nova-cacert'],
      cert: values['nova-cert'],
      key: values['nova-key'],
    },
  };
}

/** The resolution to fetch through: --ip with --router/--network, else the plan's best; an exit code when none. */
async function resolutionToFetch(
  values: Values,
  io: CliIo,
  client: ServiceClient,
  isAdmin: boolean,
  lookup: Lookup,
  json: boolean,
): Promise<ResolveRequest | number> {
  const note = (text: string) => io.stderr(`${text}\n`);
  if (values.ip) {
    return {
      ip: values.ip,
      routerId: await resolveOptionalId(client, 'router', values.router, isAdmin),
      networkId: await resolveOptionalId(client, 'network', values.network, isAdmin),
    };
  }
  const chosen = chooseResolution(lookup.resolutions);
  if (!chosen) {
    if (json) io.stdout(`${JSON.stringify({ lookup }, null, 2)}\n`);
    else note('\nNo path resolves to a device: the agent would answer 404 on every path; nova is not asked.');
    return lookup.resolutions.some((r) => r.trace.outcome.kind === 'refused') ? EXIT.REFUSED : EXIT.NOT_FOUND;
  }
  const via = chosen.trace.request;
  if (!json)
    note(`\nfetching through ${via.ip} via ${via.routerId ? `router ${via.routerId}` : `network ${via.networkId}`}`);
  if (!chosen.landsOnInstance && !json) note(`warning: ${chosen.verdict}`);
  return via;
}

/** Every document: JSON, or a summary, the list and meta_data.json. */
function printDocuments(io: CliIo, lookup: Lookup, result: MetadataFetchResult, json: boolean): void {
  if (json) {
    io.stdout(`${JSON.stringify({ lookup, documents: result }, null, 2)}\n`);
    return;
  }
  io.stdout(
    `nova ${result.novaUrl} as instance ${result.instanceId} (project ${result.projectId}): ${result.requests} requests, ${result.durationMs} ms\n`,
  );
  io.stdout(`versions: ${result.versions.join(' ')}\n${formatDocumentList(result.documents)}\n`);
  const meta = result.documents.find((d) => d.path === '/openstack/latest/meta_data.json');
  if (meta?.prettyJson) io.stdout(`\nmeta_data.json:\n${meta.prettyJson}\n`);
}

async function fetchOne(
  io: CliIo,
  resolver: ReturnType<typeof createResolver>,
  target: NovaMetadataTarget,
  via: ResolveRequest,
  path: string,
  out: { json: boolean; output?: string; raw: boolean },
): Promise<number> {
  const doc = await fetchOneDocument(resolver, target, via, path);
  if (out.json) {
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else if (doc.status === 200) {
    const refused = writeDocument(io, Buffer.from(doc.base64, 'base64'), path, out);
    if (refused !== undefined) return refused;
  } else {
    const why = explainNovaStatus(doc.status, Buffer.from(doc.base64, 'base64'), {
      url: target.url,
      path,
      instanceId: doc.instanceId,
      projectId: doc.projectId,
    });
    io.stderr(
      `nova answered ${doc.status} for ${path}${doc.note ? `: ${doc.note}` : ''}\n${why ? `${why.message}\nhint: ${why.hint}\n` : ''}`,
    );
  }
  return exitForNovaStatus(doc.status);
}

/**
 * A document's bytes: to --output FILE, byte-exact to a pipe, as (escaped) text to a terminal.
 * Binary bytes never reach a terminal without --raw. Returns an exit code when refused.
 */
export function writeDocument(
  io: CliIo,
  bytes: Buffer,
  path: string,
  out: { output?: string; raw: boolean },
): number | undefined {
  if (out.output) {
    writeFileSync(out.output, bytes, { mode: 0o600 });
    io.stderr(`wrote ${bytes.length} bytes of ${path} to ${out.output}\n`);
    return undefined;
  }
  if (!io.stdoutIsTTY || out.raw) {
    io.stdout(bytes); // byte-exact: pipe user_data to a file as it is
    return undefined;
  }
  if (isUtf8Text(bytes)) {
    io.stdout(bytes.toString('utf8')); // text: terminalSafeIo escapes any control character
    return undefined;
  }
  io.stderr(
    `${path} is binary (${bytes.length} bytes): not written to the terminal. Use --output FILE, a pipe, or --raw.\n`,
  );
  return EXIT.USAGE;
}
