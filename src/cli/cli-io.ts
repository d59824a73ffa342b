/** What a CLI command may touch: output streams, environment, and where to look for clouds.yaml. */
export interface CliIo {
  stdout: (chunk: string | Buffer) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
}

/** A subcommand: `stacklens <name> ...`. The proxy command registers itself the same way. */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
