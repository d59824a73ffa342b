import { describe, expect, it } from 'vitest';
import { buildTopologyModel } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import { anyModelName, modelName } from './model-names';

const snapshot = sampleCloud();
const model = buildTopologyModel(snapshot);
const find = lookup(snapshot);

describe('modelName', () => {
  it('gives the name the topology knows, per kind', () => {
    expect(modelName(model, 'router', find.router('web-router').id)).toBe('web-router');
    expect(modelName(model, 'network', find.network('db-net').id)).toBe('db-net');
    expect(modelName(model, 'server', find.server('web-1').id)).toBe('web-1');
    expect(modelName(model, 'project', find.server('web-1').projectId)).toBe('shop');
  });
  it('is null for unknown or absent resources and kinds that do not match (the id is shown then)', () => {
    expect(modelName(model, 'server', find.router('web-router').id)).toBeNull();
    expect(modelName(model, 'server', '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(modelName(null, 'router', find.router('web-router').id)).toBeNull();
    expect(modelName(model, 'router', undefined)).toBeNull();
  });
});

describe('anyModelName', () => {
  it('names an id whatever its kind, for ids met in free text (trace steps)', () => {
    expect(anyModelName(model, find.router('web-router').id)).toBe('web-router');
    expect(anyModelName(model, find.server('web-1').id)).toBe('web-1');
    expect(anyModelName(model, find.server('web-1').projectId)).toBe('shop');
    expect(anyModelName(model, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(anyModelName(null, find.router('web-router').id)).toBeNull();
  });
});
