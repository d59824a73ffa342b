import { describe, expect, it } from 'vitest';
import { bothScopes, instanceNotFound, novaUnreachable, relayNova } from './agent-answers';

describe('agent answers', () => {
  it('words not-found and both-headers as neutron 27.0.0 does', () => {
    expect(instanceNotFound({ routerId: 'r1' }, 'x').body.toString()).toContain('Instance was not found on router r1.');
    expect(instanceNotFound({ networkId: 'n1' }, 'x').body.toString()).toContain(
      'Instance was not found on network n1.',
    );
    const both = bothScopes('n1', 'r1');
    expect(both.status).toBe(400);
    expect(both.body.toString()).toContain('Both network n1 and router r1 defined.');
  });

  it('relays nova 2xx and 400/403/404/409/5xx with body and Content-Type only', () => {
    for (const status of [200, 400, 403, 404, 409, 500, 502, 503, 504]) {
      const answer = relayNova({
        status,
        headers: { 'content-type': 'application/json', 'set-cookie': 'x=1', server: 'nova' },
        body: '{"a":1}',
      });
      expect(answer.status).toBe(status);
      expect(answer.headers).toEqual({ 'content-type': 'application/json' });
      expect(answer.body.toString()).toBe('{"a":1}');
    }
    expect(relayNova({ status: 403, headers: {}, body: '' }).detail).toContain('shared secrets');
  });

  it('turns codes the agent does not relay into 500 Unexpected response code', () => {
    const answer = relayNova({ status: 429, headers: {}, body: 'slow down' });
    expect(answer.status).toBe(500);
    expect(answer.body.toString()).toContain('Unexpected response code: 429');
    expect(answer.error).toBe('nova-unexpected');
  });

  it('escapes what it echoes into its HTML pages', () => {
    expect(novaUnreachable('x').body.toString()).toContain('temporarily unavailable');
    expect(instanceNotFound({ routerId: '<script>' }, 'x').body.toString()).not.toContain('<script>');
  });
});
