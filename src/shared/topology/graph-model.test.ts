import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';
import { buildTopologyModel } from './build-model';
import { buildGraph, graphNodeFor, subnetGroupKey } from './graph-model';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);

describe('buildGraph', () => {
  const graph = buildGraph(model);
  const nodeIds = new Set(graph.nodes.map((n) => n.id));

  it('has a node for every router, network, subnet and instance (small groups stay open)', () => {
    const count = (kind: string) => graph.nodes.filter((n) => n.kind === kind).length;
    expect([count('router'), count('network'), count('subnet'), count('instance'), count('instance-group')]).toEqual([3, 7, 8, 10, 0]);
    expect(nodeIds.size).toBe(graph.nodes.length);
  });

  it('only has edges between existing nodes, each once', () => {
    for (const edge of graph.edges) {
      expect(nodeIds.has(edge.source), edge.id).toBe(true);
      expect(nodeIds.has(edge.target), edge.id).toBe(true);
    }
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
  });

  it.each([
    ['gateway', 3],
    ['interface', 6],
    ['subnet', 8],
  ])('has %s edges: %i', (kind, n) => {
    expect(graph.edges.filter((e) => e.kind === kind)).toHaveLength(n);
  });

  it('keeps the three 10.0.0.0/24 subnets as three nodes, each on its own router', () => {
    const subnets = graph.nodes.filter((n) => n.label === '10.0.0.0/24');
    expect(subnets).toHaveLength(3);
    const routersOf = subnets.map((s) => graph.edges.filter((e) => e.kind === 'interface' && e.target === s.id).map((e) => graph.nodes.find((n) => n.id === e.source)?.label));
    expect(routersOf.flat().sort()).toEqual(['db-router', 'ops-router', 'web-router']);
  });

  it('connects a dual-homed instance to both subnets, labelled with its IPs', () => {
    const app1 = `server:${find.server('app-1').id}`;
    const labels = graph.edges.filter((e) => e.target === app1).map((e) => e.label).sort();
    expect(labels).toEqual(['10.0.1.10', '172.20.0.21']);
  });

  it('collapses a big subnet into a group, and expands it on request', () => {
    const web = find.subnet('web-v4').id;
    const collapsed = buildGraph(model, { groupThreshold: 2 });
    const group = collapsed.nodes.find((n) => n.id === subnetGroupKey(web))!;
    expect(group).toMatchObject({ kind: 'instance-group', groupSize: 3, label: '3 instances' });
    expect(collapsed.nodes.some((n) => n.label === 'web-1')).toBe(false);
    // The grouped web instances are also on web-v6: one edge from there to the group.
    expect(collapsed.edges.filter((e) => e.target === group.id).map((e) => e.source).sort()).toEqual([`subnet:${web}`, `subnet:${find.subnet('web-v6').id}`].sort());
    expect(collapsed.groupKeys).toContain(subnetGroupKey(web));

    const expanded = buildGraph(model, { groupThreshold: 2, expandedGroups: new Set([subnetGroupKey(web)]) });
    expect(expanded.nodes.some((n) => n.id === group.id)).toBe(false);
    expect(expanded.nodes.filter((n) => ['web-1', 'web-2', 'web-3'].includes(n.label))).toHaveLength(3);
  });

  it('shows floating IPs and config drive on instance nodes', () => {
    const web1 = graph.nodes.find((n) => n.label === 'web-1')!;
    expect(web1.sublabel).toBe('FIP 203.0.113.110');
    expect(web1.badges).toEqual(['config drive']);
  });

  it('starts a big graph as an overview: external networks, and one node per component', () => {
    const big = buildGraph(model, { maxFullNodes: 10 });
    expect(big.mode).toBe('overview');
    expect(big.components.map((c) => [c.label, c.expanded])).toEqual([
      ['db-router', false],
      ['ops-router +1', false],
    ]);
    expect(big.nodes.map((n) => n.kind).sort()).toEqual(['component', 'component', 'network', 'subnet']);
    expect(big.nodes.find((n) => n.label === 'db-router')?.sublabel).toBe('1 router \u00b7 1 network \u00b7 1 subnet \u00b7 2 instances');
    expect(big.edges.map((e) => e.kind)).toEqual(['subnet']); // public -> its subnet
    expect(big.groupKeys).toEqual(expect.arrayContaining(big.components.map((c) => c.key)));
  });

  it('expands a component into a frame of its nodes, with the gateway edges back', () => {
    const key = buildGraph(model, { maxFullNodes: 10 }).components.find((c) => c.label === 'db-router')!.key;
    const open = buildGraph(model, { maxFullNodes: 10, expandedGroups: new Set([key]) });
    const inside = open.nodes.filter((n) => n.parentId === key);
    expect(inside.map((n) => n.label).sort()).toEqual(['10.0.0.0/24', 'db-1', 'db-2', 'db-net', 'db-router']);
    expect(open.edges.filter((e) => e.kind === 'gateway')).toHaveLength(1);
    const ids = new Set(open.nodes.map((n) => n.id));
    expect(open.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it.each([
    ['an instance', () => ({ kind: 'server' as const, id: find.server('web-1').id }), {}, 'web-1'],
    ['a port of an instance', () => ({ kind: 'port' as const, id: find.serverPorts('db-2')[0].id }), {}, 'db-2'],
    ['a spare port (its subnet)', () => ({ kind: 'port' as const, id: find.port('web-spare').id }), {}, '10.0.0.0/24'],
    ['a grouped instance (its group)', () => ({ kind: 'server' as const, id: find.server('web-2').id }), { groupThreshold: 2 }, '3 instances'],
    ['an instance in a collapsed component', () => ({ kind: 'server' as const, id: find.server('db-1').id }), { maxFullNodes: 10 }, 'db-router'],
    ['a grouped instance in a collapsed component', () => ({ kind: 'server' as const, id: find.server('web-2').id }), { maxFullNodes: 10, groupThreshold: 2 }, 'ops-router +1'],
  ])('finds the node showing %s', (_what, ref, options, label) => {
    const graph = buildGraph(model, options);
    const id = graphNodeFor(graph, model, ref());
    expect(graph.nodes.find((n) => n.id === id)?.label).toBe(label);
  });
});
