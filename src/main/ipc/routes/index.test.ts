import { describe, expect, it } from 'vitest';
import { channels } from '@shared/ipc/channels';
import { routes } from './index';

describe('route table', () => {
  it('has exactly one route per channel of the contract, so preload, bridge and main agree', () => {
    expect(Object.keys(routes).sort()).toEqual([...channels].sort());
  });

  it('names every channel domain:verb', () => {
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });
});
