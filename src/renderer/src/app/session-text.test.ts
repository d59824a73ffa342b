import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@shared/models/cloud';
import { expiryText, sessionIdentity } from './session-text';

const user = { id: 'u', name: 'alice' };

describe('sessionIdentity', () => {
  it.each([
    [{ kind: 'project', id: 'p', name: 'alpha' }, 'alice @ alpha'],
    [{ kind: 'domain', id: 'd', name: 'Default' }, 'alice @ domain Default'],
    [{ kind: 'system', name: 'all' }, 'alice @ system all'],
    [{ kind: 'unscoped' }, 'alice (unscoped)'],
  ] as const)('%j', (scope, text) => {
    expect(sessionIdentity({ user, scope } as SessionInfo)).toBe(text);
  });
});

describe('expiryText', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  it.each([
    ['2026-01-01T10:58:30Z', 'expires in 58 min'],
    ['2026-01-01T13:05:00Z', 'expires in 3 h 5 min'],
    ['2026-01-01T12:00:00Z', 'expires in 2 h'],
    ['2026-01-01T10:00:20Z', 'expires in < 1 min'],
    ['2026-01-01T09:59:00Z', 'expired'],
    ['garbage', 'expiry unknown'],
  ])('%s -> %s', (expiresAt, text) => {
    expect(expiryText(expiresAt, now)).toBe(text);
  });
});
