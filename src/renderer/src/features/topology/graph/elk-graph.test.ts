import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildGraph, buildTopologyModel, type GraphNode, type TopologyGraph } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { generateTenant } from '@shared/topology/testing/generate-tenant';
import {
  absolutePosition,
  FRAME_HEADER,
  frameId,
  fromElk,
  gridFrames,
  MAX_LAYERED_FRAME,
  toElkGraph,
  type Placed,
} from './elk-graph';

const model = buildTopologyModel(sampleCloud());

function overlaps(a: Placed, b: Placed): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectNoOverlap(boxes: Placed[]): void {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${i} vs ${j}`).toBe(false);
}

describe('ELK layout of the topology graph', () => {
  it('lays out a full graph in layers: external network, then routers, subnets, instances, left to right', async () => {
    const graph = buildGraph(model);
    const elkGraph = toElkGraph(graph);
    expect(elkGraph.children).toHaveLength(graph.nodes.length);
    expect(elkGraph.edges).toHaveLength(graph.edges.length);
    const layout = fromElk(await new ELK().layout(elkGraph));
    expect(layout.nodes.size).toBe(graph.nodes.length);
    expectNoOverlap([...layout.nodes.values()]);
    const x = (label: string) => layout.nodes.get(graph.nodes.find((n) => n.label === label)!.id)!.x;
    expect(x('public')).toBeLessThan(x('web-router'));
    expect(x('web-router')).toBeLessThan(x('10.0.1.0/24'));
    expect(x('10.0.1.0/24')).toBeLessThan(x('app-2'));
  });

  it('packs an overview, with an expanded component as a frame holding its nodes', async () => {
    const collapsed = buildGraph(model, { maxFullNodes: 10 });
    const key = collapsed.components.find((c) => c.label === 'db-router')!.key;
    const graph = buildGraph(model, { maxFullNodes: 10, expandedGroups: new Set([key]) });
    const elkGraph = toElkGraph(graph);
    expect(elkGraph.layoutOptions?.['elk.algorithm']).toBe('box');
    const frame = elkGraph.children!.find((c) => c.id === frameId(key))!;
    expect(frame.children!.map((c) => c.id).sort()).toEqual(
      graph.nodes
        .filter((n) => n.parentId === key)
        .map((n) => n.id)
        .sort(),
    );
    expect(frame.edges!.length).toBeGreaterThan(0);

    const layout = fromElk(await new ELK().layout(elkGraph));
    expect(layout.frames.map((f) => f.componentKey)).toEqual([key]);
    const inside = [...layout.nodes.values()].filter((p) => p.parent === frameId(key));
    expect(inside).toHaveLength(frame.children!.length);
    for (const p of inside) expect(p.y).toBeGreaterThanOrEqual(FRAME_HEADER);
    const top = [...layout.nodes.values()].filter((p) => !p.parent);
    expectNoOverlap([...top, ...layout.frames]);
  });

  it('nests an expanded component inside an expanded project, every node inside its frames', async () => {
    const tenant = generateTenant({ routers: 60, networks: 130, ports: 900, servers: 150, projects: 4, seed: 3 });
    const big = buildTopologyModel(tenant);
    const options = { maxTopLevelComponents: 3 };
    const projectKey = `project:${tenant.servers[0].projectId}`;
    const inProject = buildGraph(big, { ...options, expandedGroups: new Set([projectKey]) });
    const componentKey = inProject.nodes.find((n) => n.parentId === projectKey)!.id;
    const graph = buildGraph(big, { ...options, expandedGroups: new Set([projectKey, componentKey]) });
    const layout = fromElk(await new ELK().layout(toElkGraph(graph)));
    expect(layout.frames.map((f) => [f.componentKey, f.parent])).toEqual([
      [projectKey, undefined],
      [componentKey, frameId(projectKey)],
    ]);
    const [projectFrame, componentFrame] = layout.frames;
    const inside = (box: Placed, frame: Placed) => {
      const a = absolutePosition(layout, box);
      const f = absolutePosition(layout, frame);
      return a.x >= f.x && a.y >= f.y && a.x + box.width <= f.x + frame.width && a.y + box.height <= f.y + frame.height;
    };
    expect(inside(componentFrame, projectFrame)).toBe(true);
    for (const node of graph.nodes.filter((n) => n.parentId === componentKey)) {
      const placed = layout.nodes.get(node.id)!;
      expect(inside(placed, componentFrame), node.label).toBe(true);
      expect(inside(placed, projectFrame), node.label).toBe(true);
    }
  });

  it.each([
    [MAX_LAYERED_FRAME, 'layered'],
    [MAX_LAYERED_FRAME + 1, 'box'],
  ])('lays out an expanded component of %i nodes with %s', (size, algorithm) => {
    const nodes: GraphNode[] = Array.from({ length: size }, (_, i) => ({
      id: `server:${i}`,
      kind: 'instance' as const,
      label: `vm-${i}`,
      parentId: 'component:x',
    }));
    const graph: TopologyGraph = {
      mode: 'overview',
      nodes,
      edges: [],
      groupKeys: [],
      components: [],
      frames: [{ key: 'component:x', label: 'x', kind: 'component', size }],
      aliases: new Map(),
    };
    const frame = toElkGraph(graph).children!.find((c) => c.id === frameId('component:x'))!;
    expect(frame.layoutOptions?.['elk.algorithm']).toBe(algorithm);
    expect(frame.children).toHaveLength(size);
  });

  it('packs a big component as a grid before ELK: every node inside its frame, none overlapping, ELK sees one box', async () => {
    const size = MAX_LAYERED_FRAME * 3 + 7;
    const nodes: GraphNode[] = Array.from({ length: size }, (_, i) => ({
      id: `server:${i}`,
      kind: i % 5 === 0 ? ('subnet' as const) : ('instance' as const),
      label: `vm-${i}`,
      parentId: 'component:big',
    }));
    const graph: TopologyGraph = {
      mode: 'overview',
      nodes: [...nodes, { id: 'router:r', kind: 'router', label: 'r' }],
      edges: [{ id: 'e1', source: 'server:0', target: 'server:1', kind: 'port' }],
      groupKeys: [],
      components: [],
      frames: [{ key: 'component:big', label: 'big', kind: 'component', size }],
      aliases: new Map(),
    };
    const grids = gridFrames(graph);
    const elkGraph = toElkGraph(graph, grids);
    const box = elkGraph.children!.find((c) => c.id === frameId('component:big'))!;
    expect(box.children).toBeUndefined();
    expect([box.width, box.height]).toEqual([grids.get('component:big')!.width, grids.get('component:big')!.height]);
    const layout = fromElk(await new ELK().layout(elkGraph), grids);
    expect(layout.nodes.size).toBe(size + 1);
    const frame = layout.frames.find((f) => f.componentKey === 'component:big')!;
    const inside = nodes.map((n) => layout.nodes.get(n.id)!);
    for (const p of inside) {
      expect(p.parent).toBe(frame.id);
      expect(p.x + p.width).toBeLessThanOrEqual(frame.width);
      expect(p.y).toBeGreaterThanOrEqual(FRAME_HEADER);
      expect(p.y + p.height).toBeLessThanOrEqual(frame.height);
    }
    expectNoOverlap(inside.slice(0, 200));
    expect(frame.width / frame.height).toBeGreaterThan(1);
    expect(frame.width / frame.height).toBeLessThan(3);
    expectNoOverlap([frame, layout.nodes.get('router:r')!]);
  });
});
