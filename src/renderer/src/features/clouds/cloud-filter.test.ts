import { describe, expect, it } from 'vitest';
import type { CloudSummary } from '@shared/models/cloud';
import { filterClouds } from './cloud-filter';

const cloud = (name: string, extra: Partial<CloudSummary> = {}): CloudSummary => ({
  id: name,
  name,
  authType: 'password',
  authUrl: `https://${name}.example:5000/v3`,
  interface: 'public',
  verify: true,
  source: 'manual',
  hasSecret: false,
  secretLabel: 'Password',
  ...extra,
});

const clouds = [
  cloud('prod-eu', { projectName: 'ops', regionName: 'EU1' }),
  cloud('prod-us', { projectName: 'ops', regionName: 'US1' }),
  cloud('lab', { authUrl: 'http://127.0.0.1:5000/v3', projectName: 'alpha' }),
];

describe('filterClouds', () => {
  it.each([
    ['', ['prod-eu', 'prod-us', 'lab']],
    ['prod', ['prod-eu', 'prod-us']],
    ['OPS us1', ['prod-us']],
    ['127.0.0.1', ['lab']],
    ['alpha', ['lab']],
    ['nothing-matches', []],
  ])('%j keeps %j', (filter, names) => {
    expect(filterClouds(clouds, filter).map((c) => c.name)).toEqual(names);
  });
});
