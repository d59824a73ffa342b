import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../main';
import { EXIT } from '../exit-codes';
import { parseRateLimit } from './proxy';

function io(env: Record<string, string | undefined> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'sl-cli-proxy-'));
  const err: string[] = [];
  const value: CliIo = { stdout: () => undefined, stderr: (t) => err.push(t), env, cwd, homeDir: cwd };
  return { io: value, err };
}

describe('stacklens proxy', () => {
  it('is listed in the help', async () => {
    const out: string[] = [];
    const t = io();
    await runCli(['--help'], { ...t.io, stdout: (c) => out.push(c.toString()) });
    expect(out.join('')).toMatch(/proxy\s+Run a local metadata proxy/);
  });

  it('checks its arguments before touching a cloud', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['proxy', '--mode', 'agent'], /needs --cloud/],
      [['proxy', '--cloud', 'lab', '--mode', 'router'], /--mode is one of namespace, agent, instance/],
      [['proxy', '--cloud', 'lab', '--mode', 'instance'], /needs --instance ID, or --ip/],
      [['proxy', '--cloud', 'lab', '--mode', 'agent', '--port', '70000'], /--port is 0-65535/],
      [['proxy', '--cloud', 'lab', '--mode', 'agent', '--rate-limit', 'lots'], /REQUESTS\/SECONDS/],
      [['proxy', '--cloud', 'lab', '--mode', 'agent', '--secret', 'x'], /never taken as a command-line argument/],
    ];
    for (const [args, message] of cases) {
      const t = io({ STACKLENS_METADATA_SECRET: 's' });
      expect(await runCli(args, t.io)).toBe(EXIT.USAGE);
      expect(t.err.join('')).toMatch(message);
    }
  });

  it('refuses to start without a shared secret (nova would answer 403 to everything)', async () => {
    const t = io();
    expect(await runCli(['proxy', '--cloud', 'lab', '--mode', 'agent'], t.io)).toBe(EXIT.AUTH_CONFIG);
    expect(t.err.join('')).toMatch(/STACKLENS_METADATA_SECRET or pass --secret-file/);
  });

  it('parses neutron-style rate limits', () => {
    expect(parseRateLimit('10/10')).toEqual({
      enabled: true,
      baseLimit: 10,
      baseWindowSeconds: 10,
      burstLimit: 10,
      burstWindowSeconds: 10,
    });
    expect(parseRateLimit('100/60,5/1')).toEqual({
      enabled: true,
      baseLimit: 100,
      baseWindowSeconds: 60,
      burstLimit: 5,
      burstWindowSeconds: 1,
    });
  });
});
