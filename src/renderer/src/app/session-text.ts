import type { SessionInfo } from '@shared/models/cloud';

/** "alice @ alpha", "admin @ system all", "bob (unscoped)". */
export function sessionIdentity(session: SessionInfo): string {
  const { scope, user } = session;
  switch (scope.kind) {
    case 'project':
      return `${user.name} @ ${scope.name}`;
    case 'domain':
      return `${user.name} @ domain ${scope.name}`;
    case 'system':
      return `${user.name} @ system ${scope.name}`;
    default:
      return `${user.name} (unscoped)`;
  }
}

/** "expires in 58 min", "expires in 3 h 5 min", "expired". */
export function expiryText(expiresAt: string, now: number): string {
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return 'expiry unknown';
  if (left <= 0) return 'expired';
  const minutes = Math.floor(left / 60_000);
  if (minutes < 1) return 'expires in < 1 min';
  if (minutes < 60) return `expires in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `expires in ${hours} h` : `expires in ${hours} h ${rest} min`;
}
