/**
 * Names wherever the CLI takes an id, as openstackclient's find_resource does: an id is used as it
 * is; anything else is looked up by exact name with one filtered list call. No match is NOT_FOUND;
 * two or more is an error listing every candidate, so the admin can pass the id.
 */
import { AppError } from '@main/errors';
import type { ServiceClient } from '@main/openstack/service-client';

export type NamedKind = 'router' | 'network' | 'instance' | 'project';

export interface Candidate {
  id: string;
  name: string;
  projectId?: string;
}

/** A Neutron/Nova UUID (with or without dashes) or a Keystone 32-hex id. */
const ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

export function looksLikeId(value: string): boolean {
  return ID.test(value.trim());
}

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Nova's name filter is a Python regular expression: match the name exactly. */
export function exactNameRegex(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

async function candidates(
  client: ServiceClient,
  kind: NamedKind,
  name: string,
  isAdmin: boolean,
): Promise<Candidate[]> {
  const toCandidate = (r: Raw): Candidate => ({
    id: str(r.id),
    name: str(r.name),
    projectId: str(r.project_id ?? r.tenant_id) || undefined,
  });
  switch (kind) {
    case 'router':
    case 'network': {
      const path = `${kind}s`;
      const res = await client.request<Record<string, Raw[]>>('network', path, {
        query: { name, fields: ['id', 'name', 'project_id'] },
      });
      return (res.data[path] ?? []).map(toCandidate);
    }
    case 'instance': {
      const res = await client.request<{ servers?: Raw[] }>('compute', 'servers/detail', {
        query: { name: exactNameRegex(name), ...(isAdmin ? { all_tenants: 1 } : {}) },
      });
      // The regex is Nova's; compare again in case a driver treats it loosely.
      return (res.data.servers ?? []).map(toCandidate).filter((c) => c.name === name);
    }
    case 'project': {
      const res = await client.request<{ projects?: Raw[] }>('identity', isAdmin ? 'projects' : 'auth/projects', {
        query: isAdmin ? { name } : {},
      });
      return (res.data.projects ?? []).map(toCandidate).filter((c) => c.name === name);
    }
  }
}

/** The candidates as lines for an error message. */
export function candidateList(list: readonly Candidate[]): string {
  return list.map((c) => `  ${c.id}  ${c.name}${c.projectId ? `  (project ${c.projectId})` : ''}`).join('\n');
}

/** Picks the one match or explains why there is none / more than one. */
export function chooseCandidate(kind: NamedKind, name: string, list: readonly Candidate[]): Candidate {
  if (list.length === 1) return list[0];
  if (list.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `No ${kind} named "${name}" is visible to this session.`,
      `Check the name, or pass the ${kind}'s id.`,
    );
  }
  throw new AppError(
    'INVALID_ARGUMENT',
    `${list.length} ${kind}s are named "${name}":\n${candidateList(list)}`,
    `Pass the id of the one you mean instead of the name.`,
  );
}

/** The id for a value that is an id or a name. */
export async function resolveId(
  client: ServiceClient,
  kind: NamedKind,
  value: string,
  isAdmin: boolean,
): Promise<string> {
  const trimmed = value.trim();
  if (looksLikeId(trimmed)) return trimmed;
  return chooseCandidate(kind, trimmed, await candidates(client, kind, trimmed, isAdmin)).id;
}

/** resolveId for an optional value. */
export async function resolveOptionalId(
  client: ServiceClient,
  kind: NamedKind,
  value: string | undefined,
  isAdmin: boolean,
): Promise<string | undefined> {
  return value === undefined ? undefined : resolveId(client, kind, value, isAdmin);
}
