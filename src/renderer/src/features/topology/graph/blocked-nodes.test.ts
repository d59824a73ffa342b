import { describe, expect, it } from 'vitest';
import { buildGraph, buildTopologyModel } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { blockedGraphNodes, blockedLabel } from './blocked-nodes';

const model = buildTopologyModel(sampleCloud());
const serverId = (name: string) => [...model.servers.values()].find((s) => s.name === name)!.id;

describe('graph nodes marked "metadata blocked"', () => {
  it('marks each blocked instance node in a full graph, and nothing else', () => {
    const graph = buildGraph(model);
    const blocked = new Set([serverId('db-1'), serverId('app-2')]);
    const marked = blockedGraphNodes(graph, model, blocked);
    const labels = [...marked].map(([id, n]) => [graph.nodes.find((x) => x.id === id)!.label, n]);
    expect(labels.sort()).toEqual([
      ['app-2', 1],
      ['db-1', 1],
    ]);
  });

  it('marks the collapsed component standing for blocked instances, with their count', () => {
    const graph = buildGraph(model, { maxFullNodes: 10 });
    expect(graph.mode).toBe('overview');
    const marked = blockedGraphNodes(graph, model, new Set([serverId('db-1'), serverId('db-2')]));
    expect(marked.size).toBe(1);
    const [[id, count]] = [...marked];
    const node = graph.nodes.find((n) => n.id === id)!;
    expect(node.kind).toBe('component');
    expect(node.label).toBe('db-router');
    expect(count).toBe(2);
    expect(blockedLabel(count, node.kind)).toBe('2 metadata blocked');
  });

  it('ignores instances the view does not hold, and an empty set', () => {
    const graph = buildGraph(model);
    expect(blockedGraphNodes(graph, model, new Set(['not-in-this-cloud'])).size).toBe(0);
    expect(blockedGraphNodes(graph, model, undefined).size).toBe(0);
  });
});
