/** What a CLI command may touch: output streams, environment, and where to look for clouds.yaml. */
export interface CliIo {
  stdout: (chunk: string | Buffer) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
  /** stdout is a terminal: colour is allowed (see colour.ts). */
  stdoutIsTTY?: boolean;
  /** stderr is a terminal: control characters in it are escaped too (terminal.ts). */
  stderrIsTTY?: boolean;
}

/** One parseArgs option, as the commands declare them. */
export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

/** A subcommand: `stacklens <name> ...`. The proxy command registers itself the same way. */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
  /** The command's parseArgs options (shell completion is generated from them). */
  options?: Readonly<Record<string, CliOption>>;
  /** The -c columns, when the command takes -f/-c. */
  columns?: readonly string[];
  /** Fixed words the first argument may be (`completion bash|zsh`), for completion. */
  words?: readonly string[];
  /** Fixed values of some options (--mode, --kind), for completion. */
  optionValues?: Readonly<Record<string, readonly string[]>>;
}
