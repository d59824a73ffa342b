/**
 * `stacklens completion bash|zsh`: a completion script generated from the command registry (each
 * command's parseArgs options, columns and fixed values), so a new option completes without
 * touching this file. Cloud names complete from clouds.yaml through `stacklens completion clouds`,
 * which reads the files only (no authentication).
 */
import { discoverClouds } from '@main/credentials/discovery';
import type { CliCommand, CliIo } from '../cli-io';
import { EXIT } from '../exit-codes';
import { OUTPUT_FORMATS } from '../output';
import { UsageError } from '../usage-error';

/** What completion needs of one command. */
export interface CompletionSpec {
  name: string;
  summary: string;
  /** Long options, without the dashes, plus their short letters. */
  options: Array<{ name: string; short?: string; takesValue: boolean }>;
  /** Fixed values per option name (mode, kind, format, column). */
  values: Record<string, readonly string[]>;
  /** Fixed words for the first argument. */
  words: readonly string[];
}

const FILE_OPTIONS = /(^|-)(file|cacert|cert|key|socket)$/;

/** The specs of every command (completion itself included). */
export function completionSpecs(commands: Record<string, CliCommand>): CompletionSpec[] {
  return Object.entries(commands).map(([name, c]) => {
    const options = Object.entries(c.options ?? {}).map(([opt, o]) => ({
      name: opt,
      short: o.short,
      takesValue: o.type === 'string',
    }));
    const values: Record<string, readonly string[]> = { ...(c.optionValues ?? {}) };
    if (c.options?.format) values.format = OUTPUT_FORMATS;
    if (c.options?.column && c.columns) values.column = c.columns;
    return { name, summary: c.summary, options, values, words: c.words ?? [] };
  });
}

const words = (list: readonly string[]) => list.join(' ');
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The bash script: `eval "$(stacklens completion bash)"` or save it to bash-completion's dir. */
export function bashScript(specs: readonly CompletionSpec[]): string {
  const optionCases = specs
    .map((s) => {
      const flags = s.options.flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]);
      return `    ${s.name}) opts=${quote(words([...s.words, ...flags, '--help']))} ;;`;
    })
    .join('\n');
  const valueCases = specs
    .flatMap((s) =>
      s.options
        .filter((o) => o.takesValue)
        .map((o) => {
          const flags = [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])].map((f) => `${s.name}:${f}`).join('|');
          const action =
            o.name === 'cloud'
              ? `COMPREPLY=($(compgen -W "$(stacklens completion clouds 2>/dev/null)" -- "$cur"))`
              : s.values[o.name]
                ? `COMPREPLY=($(compgen -W ${quote(words(s.values[o.name]))} -- "$cur"))`
                : FILE_OPTIONS.test(o.name)
                  ? `COMPREPLY=($(compgen -f -- "$cur"))`
                  : 'COMPREPLY=()';
          return `    ${flags}) ${action}; return ;;`;
        }),
    )
    .join('\n');
  return `# bash completion for stacklens: eval "$(stacklens completion bash)"
_stacklens() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${quote(words([...specs.map((s) => s.name), 'help']))} -- "$cur"))
    return
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$cmd:$prev" in
${valueCases}
  esac
  case "$cmd" in
${optionCases}
    *) opts='' ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _stacklens stacklens
`;
}

/** The zsh script: `eval "$(stacklens completion zsh)"` or save it as _stacklens on $fpath. */
export function zshScript(specs: readonly CompletionSpec[]): string {
  const describe = specs.map((s) => quote(`${s.name}:${s.summary.replace(/:/g, '\\:')}`)).join(' ');
  const cases = specs
    .map((s) => {
      const args = s.options.map((o) => {
        const action =
          o.name === 'cloud'
            ? ':cloud:_stacklens_clouds'
            : s.values[o.name]
              ? `:${o.name}:(${words(s.values[o.name])})`
              : o.takesValue
                ? FILE_OPTIONS.test(o.name)
                  ? `:${o.name}:_files`
                  : `:${o.name}: `
                : '';
        const repeat = o.name === 'column' || o.name === 'trust' ? '*' : '';
        const spec = `${repeat}--${o.name}${action}`;
        return o.short ? `${quote(`${repeat}-${o.short}${action}`)} ${quote(spec)}` : quote(spec);
      });
      const rest = s.words.length ? quote(`1:${s.name}:(${words(s.words)})`) : `'*:argument:_files'`;
      return `    ${s.name}) _arguments ${[...args, quote('--help')].join(' ')} ${rest} ;;`;
    })
    .join('\n');
  return `#compdef stacklens
# zsh completion for stacklens: eval "$(stacklens completion zsh)", or save as _stacklens on $fpath
_stacklens_clouds() {
  local -a clouds
  clouds=(\${(f)"$(stacklens completion clouds 2>/dev/null)"})
  _describe cloud clouds
}
_stacklens() {
  if (( CURRENT == 2 )); then
    local -a cmds
    cmds=(${describe})
    _describe command cmds
    return
  fi
  local cmd=\${words[2]}
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _stacklens "$@"; else compdef _stacklens stacklens; fi
`;
}

/** Builds the command; takes the registry so the scripts list every command, this one included. */
export function completionCommand(all: () => Record<string, CliCommand>): CliCommand {
  return {
    summary: 'Print a bash or zsh completion script',
    usage: `stacklens completion bash|zsh

  bash:  eval "$(stacklens completion bash)"    (in ~/.bashrc)
  zsh:   eval "$(stacklens completion zsh)"     (in ~/.zshrc, after compinit)
Commands, options, -f formats, -c columns, modes and clouds.yaml cloud names complete.`,
    words: ['bash', 'zsh'],
    async run(args: string[], io: CliIo) {
      const [shell, ...rest] = args;
      if (rest.length) throw new UsageError('completion takes one argument: bash or zsh.');
      if (shell === 'clouds') {
        // Used by the scripts themselves: cloud names only, no authentication.
        const { configs } = await discoverClouds({ env: io.env, cwd: io.cwd, homeDir: io.homeDir });
        io.stdout(configs.map((c) => `${c.name}\n`).join(''));
        return EXIT.OK;
      }
      if (shell !== 'bash' && shell !== 'zsh') throw new UsageError('completion takes bash or zsh.');
      const specs = completionSpecs(all());
      io.stdout(shell === 'bash' ? bashScript(specs) : zshScript(specs));
      return EXIT.OK;
    },
  };
}
