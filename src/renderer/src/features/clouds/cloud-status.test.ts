import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@shared/models/cloud';
import { ApiError } from '../../api/client';
import { connectionState } from './cloud-status';

const session = { cloudId: 'c1' } as SessionInfo;
const authFailed = new ApiError({ code: 'AUTH_FAILED', message: 'The request you have made requires authentication.' });
const passwordRequired = new ApiError({ code: 'PASSWORD_REQUIRED', message: 'No password stored' });
const declined = new ApiError({ code: 'CANCELLED', message: 'you chose not to send its password over http://' });

describe('connectionState', () => {
  it.each([
    ['a session', { session, connecting: false, lastConnectError: null }, 'connected'],
    ['a pending connect wins', { session, connecting: true, lastConnectError: null }, 'connecting'],
    ['a failed attempt', { session: null, connecting: false, lastConnectError: authFailed }, 'error'],
    ['a non-API failure', { session: null, connecting: false, lastConnectError: new Error('boom') }, 'error'],
    [
      'only a password prompt',
      { session: null, connecting: false, lastConnectError: passwordRequired },
      'disconnected',
    ],
    [
      'the insecure-transport warning declined',
      { session: null, connecting: false, lastConnectError: declined },
      'disconnected',
    ],
    ['nothing yet', { session: null, connecting: false, lastConnectError: null }, 'disconnected'],
  ] as const)('%s', (_name, input, expected) => {
    expect(connectionState(input)).toBe(expected);
  });
});
