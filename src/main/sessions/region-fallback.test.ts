import { describe, expect, it } from 'vitest';
import { pickRegion } from './region-fallback';

describe('pickRegion', () => {
  it.each([
    ['the wanted region while offered', ['RegionOVN', 'RegionOne'], 'RegionOVN', 'RegionOne', { region: 'RegionOVN' }],
    [
      'the configured region when the wanted one is missing',
      ['RegionA', 'RegionOne'],
      'RegionOVN',
      'RegionOne',
      { region: 'RegionOne', fallback: { wanted: 'RegionOVN', region: 'RegionOne' } },
    ],
    [
      'the first offered when neither is there',
      ['RegionB', 'RegionC'],
      'RegionOVN',
      'RegionOne',
      { region: 'RegionB', fallback: { wanted: 'RegionOVN', region: 'RegionB' } },
    ],
    [
      'the first offered when the configured region itself is missing',
      ['RegionB'],
      'RegionOne',
      'RegionOne',
      { region: 'RegionB', fallback: { wanted: 'RegionOne', region: 'RegionB' } },
    ],
    ['nothing when no region is wanted', ['RegionB'], undefined, undefined, {}],
    ['nothing when the catalog offers no region', [], 'RegionOne', 'RegionOne', {}],
  ])('%s', (_name, offered, wanted, configured, expected) => {
    expect(pickRegion(offered, wanted, configured)).toEqual(expected);
  });
});
