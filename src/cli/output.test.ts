import { describe, expect, it } from 'vitest';
import { outputOptions, renderList, renderRecord, table } from './output';

const rows = [
  { kind: 'port', name: 'alpha-vm1 port', id: 'p1', tags: ['a', 'b'] },
  { kind: 'instance', name: 'alpha-vm1', id: 's1', tags: null },
];
const columns = ['kind', 'name', 'id', 'tags'];

describe('output options (-f / -c)', () => {
  it('defaults to the given format and every column; checks both', () => {
    expect(outputOptions({}, columns)).toEqual({ format: 'table', columns: [] });
    expect(outputOptions({ format: 'value', column: ['id', 'kind'] }, columns)).toEqual({
      format: 'value',
      columns: ['id', 'kind'],
    });
    expect(() => outputOptions({ format: 'yaml' }, columns)).toThrow(/-f is one of table, value, json/);
    expect(() => outputOptions({ column: ['ip', 'id', 'mac'] }, columns)).toThrow(
      /No column "ip", "mac"; columns: kind/,
    );
  });
});

describe('renderList', () => {
  it('value: bare values, chosen columns in order, lists joined', () => {
    expect(renderList(columns, rows, { format: 'value', columns: ['id'] })).toBe('p1\ns1');
    expect(renderList(columns, rows, { format: 'value', columns: ['id', 'tags'] })).toBe('p1 a, b\ns1 ');
  });

  it('json: an array of objects with only the chosen columns', () => {
    expect(JSON.parse(renderList(columns, rows, { format: 'json', columns: ['name', 'id'] }))).toEqual([
      { name: 'alpha-vm1 port', id: 'p1' },
      { name: 'alpha-vm1', id: 's1' },
    ]);
  });

  it('table: header, ruled, padded to the widest cell', () => {
    expect(renderList(columns, rows, { format: 'table', columns: ['kind', 'id'] }).split('\n')).toEqual([
      '+----------+----+',
      '| kind     | id |',
      '+----------+----+',
      '| port     | p1 |',
      '| instance | s1 |',
      '+----------+----+',
    ]);
  });

  it('an empty table is the header alone; newlines in cells never break a row', () => {
    expect(table(['a'], []).split('\n')).toHaveLength(3);
    expect(table(['a'], [{ a: 'one\ntwo' }])).toContain('| one two |');
  });
});

describe('renderRecord', () => {
  const record = { outcome: 'resolved', instance_id: 'i-1', reason: null };
  it('value prints one field per line; table is Field | Value; json an object', () => {
    expect(renderRecord(Object.keys(record), record, { format: 'value', columns: ['instance_id'] })).toBe('i-1');
    expect(renderRecord(Object.keys(record), record, { format: 'table', columns: [] })).toContain(
      '| instance_id | i-1      |',
    );
    expect(JSON.parse(renderRecord(Object.keys(record), record, { format: 'json', columns: ['outcome'] }))).toEqual({
      outcome: 'resolved',
    });
  });
});
