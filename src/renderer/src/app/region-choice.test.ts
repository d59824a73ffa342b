import { describe, expect, it } from 'vitest';
import type { RegionChoice } from '@shared/models/cloud';
import { regionControl, regionNotice } from './region-choice';

const both: RegionChoice = { name: 'RegionOne', services: ['network', 'compute'] };
const netOnly: RegionChoice = { name: 'RegionOVN', services: ['network'] };

describe('regionControl', () => {
  it('a single region is text, not a control', () => {
    expect(regionControl({ region: 'RegionOne', regions: [both] })).toEqual({ kind: 'text', region: 'RegionOne' });
    // No region asked for: the one the catalog has.
    expect(regionControl({ region: undefined, regions: [both] })).toEqual({ kind: 'text', region: 'RegionOne' });
  });

  it('nothing to show without a region (unscoped token, region-less catalog)', () => {
    expect(regionControl({ region: undefined, regions: [] })).toEqual({ kind: 'none' });
  });

  it('two regions make a select on the current one; a region without compute says so', () => {
    expect(regionControl({ region: 'RegionOVN', regions: [both, netOnly] })).toEqual({
      kind: 'select',
      value: 'RegionOVN',
      options: [
        { value: 'RegionOne', label: 'RegionOne' },
        { value: 'RegionOVN', label: 'RegionOVN (no compute)' },
      ],
    });
  });

  it('a configured region outside the list stays shown as the current value', () => {
    const control = regionControl({ region: 'Edge', regions: [both, netOnly] });
    expect(control).toMatchObject({ kind: 'select', value: 'Edge' });
    expect(control.kind === 'select' && control.options.map((o) => o.value)).toEqual([
      'Edge',
      'RegionOne',
      'RegionOVN',
    ]);
  });
});

describe('regionNotice', () => {
  const project = { kind: 'project' as const, id: 'p2', name: 'beta' };

  it('says nothing while the chosen region is used', () => {
    expect(regionNotice({ scope: project })).toBeNull();
  });

  it('names the region chosen, the project whose catalog lacks it and the region shown instead', () => {
    const notice = regionNotice({ scope: project, regionFallback: { wanted: 'RegionOVN', region: 'RegionOne' } });
    expect(notice).toEqual({
      short: 'RegionOVN not offered',
      full: "RegionOVN is not in project beta's catalog: showing RegionOne. StackLens goes back to RegionOVN wherever it is offered.",
    });
  });

  it('without a project scope, the catalog is not named after one', () => {
    const notice = regionNotice({
      scope: { kind: 'domain', id: 'd', name: 'Default' },
      regionFallback: { wanted: 'RegionTwo', region: 'RegionThree' },
    });
    expect(notice?.full).toMatch(/^RegionTwo is not in this catalog: showing RegionThree\./);
  });
});
