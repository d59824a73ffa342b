/**
 * What an instance sees: the OpenStack tree (versions, meta_data.json, network_data.json,
 * vendor_data.json, vendor_data2.json, user_data, password) and the EC2 tree (a bounded crawl of
 * /latest/meta-data/ plus user-data), fetched through nova-api-metadata as the agent would.
 * Bodies are kept byte-exact (base64); text and pretty JSON are derived views.
 */
import type { MetadataDocument } from '@shared/models/metadata';
import { documentNote, explainNovaStatus, type NovaContext } from './explain-nova';
import type { NovaAnswer } from './nova-metadata-client';

/** GET one path from nova as the resolved instance. */
export type NovaGet = (pathAndQuery: string) => Promise<NovaAnswer>;

/** The OpenStack documents, in cloud-init's order (meta_data.json first: it is mandatory). */
export const OPENSTACK_DOCUMENTS = [
  'meta_data.json',
  'network_data.json',
  'vendor_data.json',
  'vendor_data2.json',
  'user_data',
  'password',
] as const;

/** Bounds of the EC2 crawl: nova's tree has about 25 leaves. */
const EC2_MAX_REQUESTS = 120;
const EC2_MAX_DEPTH = 6;
const CONCURRENCY = 4;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text when it is valid UTF-8 without control bytes other than tab, CR and LF. */
export function asText(body: Buffer): string | undefined {
  try {
    const text = strictUtf8.decode(body);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Builds the document record of one answer. */
export function toDocument(tree: MetadataDocument['tree'], path: string, answer: NovaAnswer): MetadataDocument {
  const text = asText(answer.body);
  let prettyJson: string | undefined;
  if (text !== undefined && answer.status === 200 && /^\s*[[{]/.test(text)) {
    try {
      prettyJson = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* not JSON: shown as text */
    }
  }
  const note = documentNote(path, answer.status);
  return {
    tree,
    path,
    status: answer.status,
    ...(answer.headers['content-type'] ? { contentType: answer.headers['content-type'] } : {}),
    size: answer.body.length,
    base64: answer.body.toString('base64'),
    ...(text !== undefined ? { text } : {}),
    ...(prettyJson !== undefined ? { prettyJson } : {}),
    ...(note ? { note } : {}),
  };
}

/** Runs tasks with a small concurrency limit, keeping result order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

/** The child paths of an EC2 listing: `dir/` recurses, `0=keyname` (public-keys) becomes `0/`. */
export function ec2Children(listing: string): string[] {
  return listing
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (/^\d+=/.test(l) ? `${l.split('=')[0]}/` : l));
}

export interface TreeResult {
  versions: string[];
  documents: MetadataDocument[];
  requests: number;
}

/**
 * Fetches both trees. The versions list is asked first: if nova refuses it (403 secret, 404
 * instance, 400 not in proxy mode) the whole fetch fails with that explanation.
 */
export async function fetchMetadataTrees(
  get: NovaGet,
  ctx: Omit<NovaContext, 'path'>,
  options: { ec2?: boolean } = {},
): Promise<TreeResult> {
  let requests = 0;
  const counted: NovaGet = async (p) => {
    requests++;
    return get(p);
  };
  const versionsAnswer = await counted('/openstack');
  const refused = explainNovaStatus(versionsAnswer.status, versionsAnswer.body, { ...ctx, path: '/openstack' });
  if (refused) throw refused;
  const documents: MetadataDocument[] = [toDocument('openstack', '/openstack', versionsAnswer)];
  const versions = versionsAnswer.body
    .toString('utf8')
    .split('\n')
    .map((v) => v.trim())
    .filter(Boolean);

  const paths = OPENSTACK_DOCUMENTS.map((d) => `/openstack/latest/${d}`);
  const answers = await mapLimited(paths, CONCURRENCY, (p) => counted(p));
  documents.push(...answers.map((a, i) => toDocument('openstack', paths[i], a)));

  if (options.ec2 !== false) {
    const ec2 = await crawlEc2(counted);
    documents.push(...ec2);
  }
  return { versions, documents, requests };
}

/** Breadth-first crawl of /latest/meta-data/ (bounded), then /latest/user-data. */
async function crawlEc2(get: NovaGet): Promise<MetadataDocument[]> {
  const docs: MetadataDocument[] = [];
  let frontier = ['/latest/meta-data/'];
  let budget = EC2_MAX_REQUESTS;
  for (let depth = 0; depth < EC2_MAX_DEPTH && frontier.length && budget > 0; depth++) {
    const batch = frontier.slice(0, budget);
    budget -= batch.length;
    const answers = await mapLimited(batch, CONCURRENCY, (p) => get(p));
    const nextFrontier: string[] = [];
    answers.forEach((a, i) => {
      const path = batch[i];
      docs.push(toDocument('ec2', path, a));
      if (path.endsWith('/') && a.status === 200) {
        for (const child of ec2Children(a.body.toString('utf8'))) nextFrontier.push(`${path}${child}`);
      }
    });
    frontier = nextFrontier;
  }
  if (budget > 0) docs.push(toDocument('ec2', '/latest/user-data', await get('/latest/user-data')));
  return docs;
}
