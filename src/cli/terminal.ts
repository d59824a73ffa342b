/**
 * Output that reaches a terminal never carries control sequences StackLens did not make: a
 * user_data, a header or a log field could otherwise move the cursor, retitle the window, or
 * hide text (ESC, CSI and OSC, in their 7-bit C0 and 8-bit C1 forms).
 */
import type { CliIo } from './cli-io';

// C0 except tab and newline, DEL, and C1 (U+0080..U+009F, e.g. U+009B CSI).
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/**
 * The only sequences StackLens itself writes to a terminal: colour.ts's foreground colours
 * (red, green, yellow, cyan, gray, default) and bold on/off. Everything else is escaped, so no
 * field can move the cursor, retitle the window, conceal text or open a hyperlink.
 */
const OWN_SGR = /\u001b\[(?:3[1236]|90|39|1|22)m/g;
const SGR_MARK = '\ue01b';

function escapeAll(text: string): string {
  return text.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Replaces each control character with a visible escape: ESC becomes `\x1b`. */
export function escapeControls(text: string, keepOwnColours = false): string {
  if (!keepOwnColours) return escapeAll(text);
  const marked = text.replace(new RegExp(SGR_MARK, 'g'), '\\ue01b').replace(OWN_SGR, (s) => SGR_MARK + s.slice(1));
  return escapeAll(marked).replace(new RegExp(SGR_MARK, 'g'), '\u001b');
}

/** True when `bytes` is UTF-8 text (no NUL, decodes without replacement characters). */
export function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The CLI's streams with text bound for a terminal escaped (our own colours kept). */
export function terminalSafeIo(io: CliIo): CliIo {
  // Bytes pass untouched: a command writes them to a terminal only when asked (--raw).
  const safe = (tty: boolean | undefined, chunk: string | Buffer): string | Buffer =>
    tty && typeof chunk === 'string' ? escapeControls(chunk, true) : chunk;
  return {
    ...io,
    stdout: (chunk) => io.stdout(safe(io.stdoutIsTTY, chunk)),
    stderr: (text) => io.stderr(safe(io.stderrIsTTY, text) as string),
  };
}
