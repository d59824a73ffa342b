import { describe, expect, it } from 'vitest';
import { buildGraph, buildTopologyModel, type GraphEdge, type GraphNode } from '@shared/topology';
import { BENCH_TENANT, generateTenant } from '@shared/topology/testing/generate-tenant';
import { FRAME_HEADER, MAX_LAYERED_FRAME, type Placed } from './elk-graph';
import { layeredFrame, ROWS_PER_COLUMN } from './layered-layout';

const overlaps = (a: Placed, b: Placed) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layeredFrame', () => {
  it('puts every node of a big component in layers along its links, left to right, without overlap', () => {
    const model = buildTopologyModel(generateTenant({ ...BENCH_TENANT, projects: 1 }));
    const overview = buildGraph(model);
    const biggest = [...overview.components].sort((a, b) => b.size - a.size)[0];
    expect(biggest.size).toBeGreaterThan(MAX_LAYERED_FRAME);
    const graph = buildGraph(model, { expandedGroups: new Set([biggest.key]) });
    const nodes = graph.nodes.filter((n) => n.parentId === biggest.key);
    const ids = new Set(nodes.map((n) => n.id));
    const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const frame = layeredFrame(nodes, edges, 'frame:x');

    expect(frame.nodes.size).toBe(nodes.length);
    const placed = [...frame.nodes.values()];
    for (const p of placed) {
      expect(p.parent).toBe('frame:x');
      expect(p.y).toBeGreaterThanOrEqual(FRAME_HEADER);
      expect(p.x + p.width).toBeLessThanOrEqual(frame.width);
      expect(p.y + p.height).toBeLessThanOrEqual(frame.height);
    }
    // Overlaps checked within a band of columns (all pairs of 4,500 would be slow for nothing).
    const sample = placed.filter((p) => p.x < placed[0].x + 2000);
    for (let i = 0; i < sample.length; i++)
      for (let j = i + 1; j < sample.length; j++) expect(overlaps(sample[i], sample[j])).toBe(false);
    // Links go left to right: every edge's source sits in an earlier column than its target.
    for (const e of edges) expect(frame.nodes.get(e.source)!.x).toBeLessThan(frame.nodes.get(e.target)!.x);
    // A long layer wraps: no column holds more than ROWS_PER_COLUMN nodes.
    const perColumn = new Map<number, number>();
    for (const p of placed) perColumn.set(p.x, (perColumn.get(p.x) ?? 0) + 1);
    expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(ROWS_PER_COLUMN);
  }, 60_000); // the 10,000-port tenant's model takes seconds to build on a busy machine

  it('keeps a node next to what links to it (barycentre), and survives a cycle', () => {
    const node = (id: string, kind: GraphNode['kind']): GraphNode => ({ id, kind, label: id });
    const nodes = [
      node('r', 'router'),
      node('n1', 'network'),
      node('n2', 'network'),
      node('a', 'instance'),
      node('b', 'instance'),
    ];
    const edge = (source: string, target: string): GraphEdge => ({
      id: `${source}-${target}`,
      source,
      target,
      kind: 'port',
    });
    const frame = layeredFrame(nodes, [edge('r', 'n1'), edge('r', 'n2'), edge('n2', 'a'), edge('n1', 'b')], 'f');
    expect(frame.nodes.get('b')!.y).toBeLessThan(frame.nodes.get('a')!.y); // b hangs off n1, the upper network
    const cyclic = layeredFrame(nodes.slice(0, 2), [edge('r', 'n1'), edge('n1', 'r')], 'f');
    expect(cyclic.nodes.size).toBe(2);
  });
});
