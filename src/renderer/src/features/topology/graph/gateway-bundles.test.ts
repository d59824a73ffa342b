import { describe, expect, it } from 'vitest';
import { buildGraph, buildTopologyModel, type TopologyGraph } from '@shared/topology';
import { generateTenant } from '@shared/topology/testing/generate-tenant';
import { absolutePosition, fromElk, gridFrames, NODE_SIZE, type GraphLayout, type GridFrame } from './elk-graph';
import { bundleGateways, MAX_SEPARATE_GATEWAYS } from './gateway-bundles';
import { layeredFrame } from './layered-layout';
import { toFlow } from './to-flow';

/** A one-project tenant's biggest component expanded, laid out as a grid or layered with links. */
function expanded(routers: number, how: 'grid' | 'layered') {
  const model = buildTopologyModel(
    generateTenant({ routers, networks: routers * 2, ports: routers * 20, servers: routers * 10, projects: 1 }),
  );
  const overview = buildGraph(model);
  const biggest = [...overview.components].sort((a, b) => b.size - a.size)[0];
  const graph = buildGraph(model, { expandedGroups: new Set([biggest.key]) });
  const members = graph.nodes.filter((n) => n.parentId === biggest.key);
  const ids = new Set(members.map((n) => n.id));
  const inner = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const frame: GridFrame =
    how === 'grid' ? gridFrames(graph).get(biggest.key)! : layeredFrame(members, inner, `frame:${biggest.key}`);
  // The external network left of the frame, as ELK's box packing may put it.
  const external = graph.nodes.find((n) => n.kind === 'network' && !n.parentId)!;
  const layout = fromElk(
    {
      id: 'root',
      children: [
        { id: external.id, x: 0, y: 0, ...NODE_SIZE.network },
        { id: `frame:${biggest.key}`, x: 300, y: 40, width: frame.width, height: frame.height },
      ],
    },
    new Map([[biggest.key, frame]]),
  );
  return { graph, layout, frameKey: biggest.key };
}

/** The path's segments, each "M x,y" followed by one H or V move. */
function segments(path: string) {
  return [...path.matchAll(/M([-\d.]+),([-\d.]+)([HV])([-\d.]+)/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    dir: m[3] as 'H' | 'V',
    to: Number(m[4]),
  }));
}

function checkBundle(graph: TopologyGraph, layout: GraphLayout) {
  const gateways = graph.edges.filter((e) => e.kind === 'gateway');
  const { bundles, rest } = bundleGateways(graph, layout, graph.edges);
  expect(bundles).toHaveLength(1);
  const [bundle] = bundles;
  // Every gateway is in the bundle, once, and no longer drawn on its own.
  expect([...bundle.routers].sort()).toEqual(gateways.map((e) => e.target).sort());
  expect(rest.filter((e) => e.kind === 'gateway')).toEqual([]);
  expect(rest).toHaveLength(graph.edges.length - gateways.length);

  // Down the frame's margin from the entry to the distribution line, then along it.
  const head = /^M([-\d.]+),([-\d.]+)V([-\d.]+)H([-\d.]+)/.exec(bundle.busPath)!;
  expect([Number(head[1]), Number(head[2])]).toEqual([bundle.entry.x, bundle.entry.y]);
  const line = { x: Number(head[1]), y: Number(head[3]), to: Number(head[4]) };
  const segs = segments(bundle.busPath.slice(head[0].length));
  const buses = segs.filter((s) => s.dir === 'V');
  const ticks = segs.filter((s) => s.dir === 'H');
  expect(ticks).toHaveLength(bundle.routers.length);
  const cards = graph.nodes
    .filter((n) => layout.nodes.get(n.id)?.parent)
    .map((n) => {
      const p = layout.nodes.get(n.id)!;
      return { ...absolutePosition(layout, p), width: p.width, height: p.height };
    });
  for (const router of bundle.routers) {
    const p = layout.nodes.get(router)!;
    const at = absolutePosition(layout, p);
    // A tick ends on the router's left side, at its handle, from a bus hanging off the line.
    const tick = ticks.find((s) => s.to === at.x && s.y === at.y + p.height / 2);
    expect(tick, router).toBeDefined();
    const bus = buses.find((b) => b.x === tick!.x);
    expect(bus, router).toBeDefined();
    expect(bus!.y).toBe(line.y);
    expect(bus!.to).toBeGreaterThanOrEqual(tick!.y);
    expect(line.y).toBeLessThan(at.y);
    expect(bus!.x).toBeGreaterThanOrEqual(line.x);
    expect(bus!.x).toBeLessThanOrEqual(line.to);
  }
  // Buses run in the gaps: none crosses a card.
  for (const bus of buses) {
    const crossed = cards.filter((c) => c.x < bus.x && bus.x < c.x + c.width && c.y < bus.to && bus.y < c.y + c.height);
    expect(crossed).toEqual([]);
  }
  return bundle;
}

describe('bundleGateways', () => {
  it('draws the gateways into a big grid as one bundle reaching every router from a gap', () => {
    const { graph, layout } = expanded(40, 'grid');
    expect(graph.edges.filter((e) => e.kind === 'gateway').length).toBeGreaterThan(MAX_SEPARATE_GATEWAYS);
    checkBundle(graph, layout);
  });

  it('does the same in the layered layout with links, entering the frame under its title', () => {
    const { graph, layout, frameKey } = expanded(40, 'layered');
    const bundle = checkBundle(graph, layout);
    const frame = layout.frames.find((f) => f.componentKey === frameKey)!;
    expect(bundle.frame).toBe(frame.id);
    expect(bundle.entry.x).toBeGreaterThan(frame.x);
    expect(bundle.entry.y).toBeGreaterThan(frame.y);
  });

  it('leaves a few gateways as lines of their own', () => {
    const { graph, layout } = expanded(40, 'grid');
    const gateways = graph.edges.filter((e) => e.kind === 'gateway').slice(0, MAX_SEPARATE_GATEWAYS);
    const kept = [...graph.edges.filter((e) => e.kind !== 'gateway'), ...gateways];
    const { bundles, rest } = bundleGateways(graph, layout, kept);
    expect(bundles).toEqual([]);
    expect(rest).toEqual(kept);
  });

  it('hands xyflow one bundle edge into the frame, whose node has a handle for it', () => {
    const { graph, layout } = expanded(40, 'grid');
    const marks = { selectedId: undefined, highlightedIds: new Set<string>(), blocked: new Map() };
    const { nodes, edges } = toFlow(graph, layout, marks, () => undefined, {
      keys: new Set(),
      onToggle: () => undefined,
    });
    const bundle = edges.filter((e) => e.type === 'gatewayBundle');
    expect(bundle).toHaveLength(1);
    expect(bundle[0].label).toMatch(/^\d+ gateways$/);
    const frame = nodes.find((n) => n.id === bundle[0].target)!;
    expect(frame.type).toBe('frame');
    expect(frame.handles).toEqual([expect.objectContaining({ type: 'target', position: 'top' })]);
  });
});
