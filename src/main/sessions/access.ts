/**
 * What a token may see, decided in one place for the app, the proxy, the doctor and the CLI:
 * an admin token lists every project's ports (as the metadata agent's RPC does), any other token
 * only its own project's, so the resolver's answer may differ from the agent's.
 */
import type { Visibility } from '@shared/models/metadata';

/** Keystone's default admin role; role names compare without case, as oslo.policy's role check does. */
const ADMIN_ROLES = new Set(['admin']);

/** True when one of the token's roles is an admin role. */
export function isAdminRoles(roles: readonly string[]): boolean {
  return roles.some((r) => ADMIN_ROLES.has(r.toLowerCase()));
}

/** 'cloud' for an admin session (every project's ports), else 'project'. */
export function visibilityFor(isAdmin: boolean): Visibility {
  return isAdmin ? 'cloud' : 'project';
}
