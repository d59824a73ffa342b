import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '@shared/models/metadata';
import { bytesOf, documentLabel, fileNameFor, formatBytes, hexDump, viewsOf } from './document-view';

const doc = (over: Partial<MetadataDocument>): MetadataDocument => ({
  tree: 'openstack',
  path: '/openstack/latest/user_data',
  status: 200,
  size: 0,
  base64: '',
  ...over,
});

describe('document view helpers', () => {
  it('decodes base64 to the exact bytes, binary included', () => {
    const bytes = bytesOf(btoa(String.fromCharCode(0, 1, 0xff, 0x80, 0x41)));
    expect(Array.from(bytes)).toEqual([0, 1, 0xff, 0x80, 0x41]);
  });

  it('hex-dumps with offsets and an ASCII column, bounded', () => {
    const dump = hexDump(new TextEncoder().encode('#!/bin/sh\necho hi\n'));
    expect(dump.split('\n')[0]).toBe('00000000  23 21 2f 62 69 6e 2f 73 68 0a 65 63 68 6f 20 68  |#!/bin/sh.echo h|');
    expect(dump.split('\n')[1]).toMatch(/^00000010 {2}69 0a\s+\|i\.\|$/);
    expect(hexDump(new Uint8Array(40), 16)).toMatch(/24 more bytes/);
  });

  it('formats sizes', () => {
    expect([formatBytes(12), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['12 B', '1.5 KiB', '3.0 MiB']);
  });

  it('names saved files after the instance and the document', () => {
    expect(fileNameFor({ path: '/openstack/latest/user_data' }, '11111111-1111-4111-8111-111111111101')).toBe(
      '11111111-latest-user_data',
    );
    expect(fileNameFor({ path: '/latest/meta-data/public-keys/0/openssh-key' }, 'abcdefgh-x')).toBe(
      'abcdefgh-0-openssh-key',
    );
  });

  it('offers JSON and text only when the document has them', () => {
    expect(viewsOf(doc({ prettyJson: '{}', text: '{}' }))).toEqual(['json', 'text', 'hex', 'base64']);
    expect(viewsOf(doc({}))).toEqual(['hex', 'base64']);
  });

  it('labels documents by their path under the tree', () => {
    expect(documentLabel({ tree: 'openstack', path: '/openstack' })).toBe('versions');
    expect(documentLabel({ tree: 'openstack', path: '/openstack/latest/meta_data.json' })).toBe('meta_data.json');
    expect(documentLabel({ tree: 'ec2', path: '/latest/meta-data/placement/availability-zone' })).toBe(
      'meta-data/placement/availability-zone',
    );
  });
});
