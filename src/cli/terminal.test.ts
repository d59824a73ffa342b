import { describe, expect, it } from 'vitest';
import { escapeControls, isUtf8Text, terminalSafeIo } from './terminal';
import type { CliIo } from './cli-io';
import { runCli } from './main';
import { writeDocument } from './commands/metadata';
import { EXIT } from './exit-codes';

describe('terminal output', () => {
  it('escapes C0 (but tab and newline), DEL and C1 controls', () => {
    expect(escapeControls('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeControls('\u009b31mred\u009d0;title\u0007')).toBe('\\x9b31mred\\x9d0;title\\x07');
    expect(escapeControls('tab\tnew\nline\r\x7f')).toBe('tab\tnew\nline\\x0d\\x7f');
    expect(escapeControls('héllo ✓')).toBe('héllo ✓');
  });

  it('keeps only the colour sequences StackLens itself writes', () => {
    const ours = '\x1b[31mred\x1b[39m \x1b[1mbold\x1b[22m';
    expect(escapeControls(ours, true)).toBe(ours);
    expect(escapeControls('\x1b[8mhidden\x1b[2J\x1b]8;;http://x\x07', true)).toBe(
      '\\x1b[8mhidden\\x1b[2J\\x1b]8;;http://x\\x07',
    );
    expect(escapeControls('\ue01b[2J', true)).toBe('\\ue01b[2J');
  });

  it('tells UTF-8 text from binary', () => {
    expect(isUtf8Text(Buffer.from('#cloud-config\nusers: []\n'))).toBe(true);
    expect(isUtf8Text(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe(false);
    expect(isUtf8Text(Buffer.from([0xc3, 0x28]))).toBe(false);
  });

  it('escapes only streams that are terminals', () => {
    const out: Array<string | Buffer> = [];
    const err: string[] = [];
    const base: CliIo = {
      stdout: (c) => out.push(c),
      stderr: (t) => err.push(t),
      env: {},
      cwd: '/',
      homeDir: '/',
      stdoutIsTTY: true,
      stderrIsTTY: false,
    };
    const io = terminalSafeIo(base);
    io.stdout('x\u009b2J');
    io.stderr('y\x1b]0;t\x07');
    expect(out).toEqual(['x\\x9b2J']);
    expect(err).toEqual(['y\x1b]0;t\x07']);
  });
});

function ttyIo(tty: boolean) {
  const out: Array<string | Buffer> = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (c) => out.push(c),
    stderr: (t) => err.push(t),
    env: { OS_CLIENT_CONFIG_FILE: '/nonexistent/clouds.yaml' },
    cwd: '/nonexistent',
    homeDir: '/nonexistent',
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
  };
  return { io, out, err };
}

describe('the CLI on a terminal', () => {
  it('never echoes C0/C1 controls from an argument back into an error message', async () => {
    const t = ttyIo(true);
    await runCli(['resolve', '--cloud', 'x\u009b2J\x1b]0;pwned\x07', '--ip', '10.0.0.1', '--network', 'n'], t.io);
    const text = t.err.join('') + t.out.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // Piped output stays byte-exact.
    const piped = ttyIo(false);
    await runCli(['resolve', '--cloud', 'x\u009b2J', '--ip', '10.0.0.1', '--network', 'n'], piped.io);
    expect(piped.err.join('')).toContain('x\u009b2J');
  });

  it('writes a binary document to a terminal only with --raw; text is escaped; pipes get bytes', () => {
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x1b, 0x5b, 0x32, 0x4a]);
    const tty = ttyIo(true);
    expect(writeDocument(terminalSafeIo(tty.io), gzip, '/openstack/latest/user_data', { raw: false })).toBe(EXIT.USAGE);
    expect(tty.out).toEqual([]);
    expect(tty.err.join('')).toMatch(/binary \(8 bytes\).*--output FILE/);
    expect(writeDocument(terminalSafeIo(tty.io), gzip, '/u', { raw: true })).toBeUndefined();
    expect(tty.out).toEqual([gzip]);

    const text = ttyIo(true);
    writeDocument(terminalSafeIo(text.io), Buffer.from('#cloud-config\n\x1b]2;owned\x07'), '/u', { raw: false });
    expect(text.out).toEqual(['#cloud-config\n\\x1b]2;owned\\x07']);

    const pipe = ttyIo(false);
    writeDocument(terminalSafeIo(pipe.io), gzip, '/u', { raw: false });
    expect(pipe.out).toEqual([gzip]);
  });
});
