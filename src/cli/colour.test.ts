import { describe, expect, it } from 'vitest';
import { colourEnabled, painter } from './colour';

describe('colour', () => {
  it('only on a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR wins', () => {
    expect(colourEnabled({ env: {}, stdoutIsTTY: true })).toBe(true);
    expect(colourEnabled({ env: {}, stdoutIsTTY: false })).toBe(false);
    expect(colourEnabled({ env: {} })).toBe(false);
    expect(colourEnabled({ env: { NO_COLOR: '1' }, stdoutIsTTY: true })).toBe(false);
    expect(colourEnabled({ env: { TERM: 'dumb' }, stdoutIsTTY: true })).toBe(false);
    expect(colourEnabled({ env: { FORCE_COLOR: '1', NO_COLOR: '1' }, stdoutIsTTY: false })).toBe(true);
    expect(colourEnabled({ env: { FORCE_COLOR: '0' }, stdoutIsTTY: false })).toBe(false);
  });

  it('paints with ANSI codes on a terminal and leaves text alone in a pipe', () => {
    expect(painter({ env: {}, stdoutIsTTY: true })('green', 'RESOLVED')).toBe('\u001b[32mRESOLVED\u001b[39m');
    expect(painter({ env: {}, stdoutIsTTY: false })('green', 'RESOLVED')).toBe('RESOLVED');
  });
});
