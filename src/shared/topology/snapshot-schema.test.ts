import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { parseSnapshotText } from './snapshot-schema';

const good = sampleCloud();

describe('parseSnapshotText', () => {
  it('accepts a snapshot and round-trips it', () => {
    const parsed = parseSnapshotText(JSON.stringify(good));
    expect(parsed).toEqual({ ok: true, snapshot: good });
  });

  it('drops fields it does not know (nothing unexpected reaches the view)', () => {
    const parsed = parseSnapshotText(JSON.stringify({ ...good, token: 'gAAAA-not-a-real-token' }));
    expect(parsed.ok && 'token' in parsed.snapshot).toBe(false);
  });

  it.each([
    ['truncated JSON', JSON.stringify(good).slice(0, 200), 'not-json', /not valid JSON/],
    ['empty file', '', 'not-json', /not valid JSON/],
    ['another JSON file', JSON.stringify({ clouds: {} }), 'not-a-snapshot', /not a StackLens topology snapshot/],
    ['a JSON array', '[]', 'not-a-snapshot', /not a StackLens topology snapshot/],
    [
      'an old version',
      JSON.stringify({ ...good, version: 0 }),
      'unsupported-version',
      /version 0; this StackLens reads version 1/,
    ],
    ['a newer version', JSON.stringify({ ...good, version: 2 }), 'unsupported-version', /version 2/],
    [
      'a port without an id',
      JSON.stringify({ ...good, ports: [{ ...good.ports[0], id: undefined }] }),
      'invalid',
      /ports\.0\.id/,
    ],
    ['routers not a list', JSON.stringify({ ...good, routers: {} }), 'invalid', /routers/],
    ['a bad compute flag', JSON.stringify({ ...good, compute: { available: 'maybe' } }), 'invalid', /compute/],
  ])('refuses %s with a clear message', (_what, text, problem, message) => {
    const parsed = parseSnapshotText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toBe(problem);
    expect(parsed.message).toMatch(message);
  });
});
