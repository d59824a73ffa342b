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
/** Requests to nova at once: enough to keep several nova workers busy, few enough for one user. */
export const CONCURRENCY = 8;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** C0 control characters and DEL, except tab, LF and CR (what a text document may hold). */
function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** The body as text when it is valid UTF-8 without control bytes other than tab, CR and LF. */
export function asText(body: Buffer): string | undefined {
  try {
    const text = strictUtf8.decode(body);
    return hasControlChars(text) ? undefined : text;
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

/**
 * Runs at most `limit` calls at once. Waiting calls start in the order they were asked for, except
 * that `urgent` ones go first: a directory listing unlocks more requests, a leaf does not.
 */
export function createLimiter(limit: number): <T>(fn: () => Promise<T>, urgent?: boolean) => Promise<T> {
  let active = 0;
  const urgentQueue: Array<() => void> = [];
  const queue: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>, urgent = false): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => (urgent ? urgentQueue : queue).push(resolve));
    active += 1;
    try {
      return await fn();
    } finally {
      active -= 1;
      (urgentQueue.shift() ?? queue.shift())?.();
    }
  };
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
 * Fetches both trees through one pool of at most CONCURRENCY requests, each path once. The versions
 * list, the OpenStack documents and the EC2 crawl all start at once (nova's workers are the
 * bottleneck: a barrier after the versions list would leave them idle for a round trip); if nova
 * refuses the versions list - 403 secret, 404 instance, 400 not in proxy mode - the whole fetch
 * fails with that explanation and the other answers are dropped. The crawl has no per-level
 * barrier: a directory's children are asked as soon as its listing arrives, listings first.
 */
export async function fetchMetadataTrees(
  get: NovaGet,
  ctx: Omit<NovaContext, 'path'>,
  options: { ec2?: boolean; concurrency?: number } = {},
): Promise<TreeResult> {
  const limit = createLimiter(options.concurrency ?? CONCURRENCY);
  const asked = new Map<string, Promise<NovaAnswer>>();
  const once: NovaGet = (p) => {
    let answer = asked.get(p);
    if (!answer) {
      answer = limit(() => get(p), p === '/openstack' || p.endsWith('/'));
      asked.set(p, answer);
    }
    return answer;
  };
  const paths = OPENSTACK_DOCUMENTS.map((d) => `/openstack/latest/${d}`);
  const versionsAsked = once('/openstack');
  const rest = Promise.all([
    Promise.all(paths.map((p) => once(p))),
    options.ec2 !== false ? crawlEc2(once) : Promise.resolve([]),
  ]);
  rest.catch(() => undefined); // a refused versions list below throws first; its rejection is not lost
  const versionsAnswer = await versionsAsked;
  const refused = explainNovaStatus(versionsAnswer.status, versionsAnswer.body, { ...ctx, path: '/openstack' });
  if (refused) throw refused;
  const versions = versionsAnswer.body
    .toString('utf8')
    .split('\n')
    .map((v) => v.trim())
    .filter(Boolean);
  const [answers, ec2] = await rest;
  const documents: MetadataDocument[] = [
    toDocument('openstack', '/openstack', versionsAnswer),
    ...answers.map((a, i) => toDocument('openstack', paths[i], a)),
    ...ec2,
  ];
  return { versions, documents, requests: asked.size };
}

/**
 * Crawl of /latest/meta-data/ (at most EC2_MAX_REQUESTS requests, EC2_MAX_DEPTH levels) and
 * /latest/user-data, every request as soon as its parent listing is known. Documents come back in
 * breadth-first order (depth, then listing order), whatever order the answers arrived in.
 */
async function crawlEc2(get: NovaGet): Promise<MetadataDocument[]> {
  const found: Array<{ order: number[]; doc: MetadataDocument }> = [];
  let budget = EC2_MAX_REQUESTS - 1; // user-data is always asked
  const visit = async (path: string, order: number[]): Promise<void> => {
    const answer = await get(path);
    found.push({ order, doc: toDocument('ec2', path, answer) });
    if (!path.endsWith('/') || answer.status !== 200 || order.length >= EC2_MAX_DEPTH) return;
    const children = ec2Children(answer.body.toString('utf8'));
    const allowed = children.slice(0, Math.max(0, budget));
    budget -= allowed.length;
    await Promise.all(allowed.map((child, i) => visit(`${path}${child}`, [...order, i])));
  };
  budget -= 1;
  const [, userData] = await Promise.all([visit('/latest/meta-data/', [0]), get('/latest/user-data')]);
  const byOrder = (a: number[], b: number[]) => {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  };
  found.sort((a, b) => byOrder(a.order, b.order));
  return [...found.map((f) => f.doc), toDocument('ec2', '/latest/user-data', userData)];
}
