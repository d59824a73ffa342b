/**
 * The headless StackLens CLI (plain Node, no Electron): `stacklens <command> ...`.
 * bin/stacklens.mjs builds this file into out/cli/stacklens.mjs and runs `runCli`.
 */
import { AppError } from '@main/errors';
import type { CliIo } from './cli-io';
import { commands } from './commands';
import { EXIT, EXIT_HELP, exitForError } from './exit-codes';
import { UsageError } from './usage-error';
import { terminalSafeIo } from './terminal';

export type { CliIo } from './cli-io';

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `StackLens CLI: the instance metadata path of an OpenStack cloud, headless.

Usage: stacklens <command> [options]     (stacklens <command> --help for details)

Commands:
${list}

Clouds come from clouds.yaml / secure.yaml / OS_* exactly as in the app (OS_CLIENT_CONFIG_FILE
names a file); --cloud defaults to $OS_CLOUD. Routers, networks, instances and projects are taken
by name or id (a name several share is an error listing them). find and resolve print
-f table|value|json with -c COLUMN, like openstackclient; colour only on a terminal (NO_COLOR).
Completion: eval "$(stacklens completion bash)" (or zsh). The metadata shared secret comes from STACKLENS_METADATA_SECRET or --secret-file,
never from an argument.

${EXIT_HELP}
`;
}

/** Runs one command line; returns the exit code (never calls process.exit). */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Every string that reaches a terminal is escaped: no field can drive it (terminal.ts).
  const io = terminalSafeIo(rawIo);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`stacklens: unknown command "${name}".\n\n${help()}`);
    return EXIT.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n\n${EXIT_HELP}\n`);
    return EXIT.OK;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.stderr(`stacklens ${name}: ${(err as Error).message}\n\n${command.usage}\n`);
      return EXIT.USAGE;
    }
    if (err instanceof AppError) {
      io.stderr(`stacklens ${name}: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
      return exitForError(err.code);
    }
    io.stderr(`stacklens ${name}: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.INTERNAL;
  }
}
