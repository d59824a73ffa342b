import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../main';
import { EXIT } from '../exit-codes';

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'sl-cli-compl-'));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (c) => out.push(c.toString()), stderr: (t) => err.push(t), env, cwd, homeDir: cwd };
  return runCli(args, io).then((code) => ({ code, out: out.join(''), err: err.join(''), cwd }));
}

/** Sources the script in a real bash, fakes `stacklens completion clouds`, completes `line`. */
function bashComplete(script: string, line: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bash-'));
  writeFileSync(join(dir, 'completion.bash'), script);
  const words = line.split(' ');
  const program = [
    `stacklens() { [ "$1 $2" = "completion clouds" ] && printf 'lab-admin\\nlab-bob\\n'; }`,
    `source ${join(dir, 'completion.bash')}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
    '_stacklens',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('stacklens completion', () => {
  it('bash: commands, options, -f formats, -c columns, modes and cloud names complete in a real bash', async () => {
    const { code, out } = await run(['completion', 'bash']);
    expect(code).toBe(EXIT.OK);
    expect(bashComplete(out, 'stacklens ')).toEqual([
      'completion',
      'doctor',
      'find',
      'help',
      'metadata',
      'proxy',
      'resolve',
    ]);
    expect(bashComplete(out, 'stacklens resolve --r')).toEqual(['--router']);
    expect(bashComplete(out, 'stacklens find -f ')).toEqual(['json', 'table', 'value']);
    expect(bashComplete(out, 'stacklens find -c na')).toEqual(['name']);
    expect(bashComplete(out, 'stacklens resolve -c instance')).toEqual(['instance_id']);
    expect(bashComplete(out, 'stacklens doctor -c ver')).toEqual(['verdict']);
    expect(bashComplete(out, 'stacklens proxy --mode a')).toEqual(['agent']);
    expect(bashComplete(out, 'stacklens metadata --cloud lab-')).toEqual(['lab-admin', 'lab-bob']);
    expect(bashComplete(out, 'stacklens completion ')).toEqual(['--help', 'bash', 'zsh']);
  });

  it.skipIf(spawnSync('zsh', ['--version']).error)(
    'zsh: a script zsh parses, with every command described',
    async () => {
      const { out } = await run(['completion', 'zsh']);
      const dir = mkdtempSync(join(tmpdir(), 'sl-zsh-'));
      writeFileSync(join(dir, '_stacklens'), out);
      expect(spawnSync('zsh', ['-n', join(dir, '_stacklens')]).status).toBe(0);
    },
  );

  it('zsh: describes commands and completes option values', async () => {
    const { code, out } = await run(['completion', 'zsh']);
    expect(code).toBe(EXIT.OK);
    expect(out.startsWith('#compdef stacklens\n')).toBe(true);
    expect(out).toContain("'find:Find an IP, MAC, CIDR, name or id in the topology (every project for admins)'");
    expect(out).toContain("'--mode:mode:(namespace agent instance)'");
    expect(out).toContain("'-f:format:(table value json)' '--format:format:(table value json)'");
    expect(out).toContain("'--cloud:cloud:_stacklens_clouds'");
  });

  it('lists clouds.yaml names without authenticating; refuses other shells', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sl-cli-clouds-'));
    writeFileSync(
      join(cwd, 'clouds.yaml'),
      ['one', 'two']
        .map(
          (n) =>
            `  ${n}:\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n      username: u\n      project_name: p\n`,
        )
        .join('')
        .replace(/^/, 'clouds:\n'),
    );
    const out: string[] = [];
    const io: CliIo = { stdout: (c) => out.push(c.toString()), stderr: () => undefined, env: {}, cwd, homeDir: cwd };
    expect(await runCli(['completion', 'clouds'], io)).toBe(EXIT.OK);
    expect(out.join('')).toBe('one\ntwo\n');
    const fish = await run(['completion', 'fish']);
    expect(fish.code).toBe(EXIT.USAGE);
    expect(fish.err).toMatch(/bash or zsh/);
  });
});
