import { describe, expect, it } from 'vitest';
import { idHint, isLongId, middleShorten, nameWithId, shortenIds, splitIds } from './short-id';

const uuid = '716a3c5e-0b5d-4c1e-9a70-1f2e3d4c5b6a';

describe('short ids', () => {
  it('shortens in the middle, keeping both ends; short values stay whole', () => {
    expect(middleShorten(uuid)).toBe('716a3c5e\u20264c5b6a');
    expect(middleShorten(uuid, 4, 4)).toBe('716a\u20265b6a');
    expect(middleShorten('10.0.0.10')).toBe('10.0.0.10');
    expect(middleShorten('123456789012345')).toBe('123456789012345');
  });

  it('names first with a hint of the id, never a bare 8-character id', () => {
    expect(nameWithId('alpha-router', uuid)).toBe('alpha-router (716a\u2026)');
    expect(nameWithId('', uuid)).toBe('716a3c5e\u20264c5b6a');
    expect(nameWithId(undefined, uuid)).not.toMatch(/^[0-9a-f]{8}$/);
    expect(idHint('abc')).toBe('abc');
  });
});

describe('ids in a text', () => {
  it('cuts a sentence around its UUIDs and 32-hex ids, keeping the rest', () => {
    const hex = '0123456789abcdef0123456789abcdef';
    expect(splitIds(`Router ${uuid}: 2 networks, project ${hex}.`)).toEqual([
      'Router ',
      { id: uuid },
      ': 2 networks, project ',
      { id: hex },
      '.',
    ]);
    expect(splitIds(`${uuid}`)).toEqual([{ id: uuid }]);
    expect(splitIds('no id here, 10.0.0.10 fa:16:3e:74:d4:3b')).toEqual(['no id here, 10.0.0.10 fa:16:3e:74:d4:3b']);
    // Part of a longer hex run is no id of its own.
    expect(splitIds(`x${hex}ff`)).toEqual([`x${hex}ff`]);
  });

  it('tells a whole id from a value that only holds one', () => {
    expect(isLongId(uuid)).toBe(true);
    expect(isLongId(uuid.toUpperCase())).toBe(true);
    expect(isLongId(`port ${uuid}`)).toBe(false);
    expect(isLongId('alpha-router')).toBe(false);
  });
});

describe('shortenIds', () => {
  it('shortens every id of a label in the middle and leaves the rest', () => {
    expect(shortenIds(`instance ${uuid} on net (${uuid})`)).toBe(
      'instance 716a3c5e\u20264c5b6a on net (716a3c5e\u20264c5b6a)',
    );
    expect(shortenIds('web-router')).toBe('web-router');
  });
});
