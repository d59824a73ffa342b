import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';
import { buildTopologyModel } from './build-model';
import { buildGraph, graphNodeFor, subnetGroupKey } from './graph-model';
import { generateTenant } from './testing/generate-tenant';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);

describe('buildGraph', () => {
  const graph = buildGraph(model);
  const nodeIds = new Set(graph.nodes.map((n) => n.id));

  it('has a node for every router, network, subnet and instance (small groups stay open)', () => {
    const count = (kind: string) => graph.nodes.filter((n) => n.kind === kind).length;
    expect([count('router'), count('network'), count('subnet'), count('instance'), count('instance-group')]).toEqual([
      3, 7, 8, 10, 0,
    ]);
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
    const routersOf = subnets.map((s) =>
      graph.edges
        .filter((e) => e.kind === 'interface' && e.target === s.id)
        .map((e) => graph.nodes.find((n) => n.id === e.source)?.label),
    );
    expect(routersOf.flat().sort()).toEqual(['db-router', 'ops-router', 'web-router']);
  });

  it('connects a dual-homed instance to both subnets, labelled with its IPs', () => {
    const app1 = `server:${find.server('app-1').id}`;
    const labels = graph.edges
      .filter((e) => e.target === app1)
      .map((e) => e.label)
      .sort();
    expect(labels).toEqual(['10.0.1.10', '172.20.0.21']);
  });

  it('collapses a big subnet into a group, and expands it on request', () => {
    const web = find.subnet('web-v4').id;
    const collapsed = buildGraph(model, { groupThreshold: 2 });
    const group = collapsed.nodes.find((n) => n.id === subnetGroupKey(web))!;
    expect(group).toMatchObject({ kind: 'instance-group', groupSize: 3, label: '3 instances' });
    expect(collapsed.nodes.some((n) => n.label === 'web-1')).toBe(false);
    // The grouped web instances are also on web-v6: one edge from there to the group.
    expect(
      collapsed.edges
        .filter((e) => e.target === group.id)
        .map((e) => e.source)
        .sort(),
    ).toEqual([`subnet:${web}`, `subnet:${find.subnet('web-v6').id}`].sort());
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
    expect(big.nodes.find((n) => n.label === 'db-router')?.sublabel).toBe(
      '1 router \u00b7 1 network \u00b7 1 subnet \u00b7 2 instances',
    );
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
    [
      'a grouped instance (its group)',
      () => ({ kind: 'server' as const, id: find.server('web-2').id }),
      { groupThreshold: 2 },
      '3 instances',
    ],
    [
      'an instance in a collapsed component',
      () => ({ kind: 'server' as const, id: find.server('db-1').id }),
      { maxFullNodes: 10 },
      'db-router',
    ],
    [
      'a grouped instance in a collapsed component',
      () => ({ kind: 'server' as const, id: find.server('web-2').id }),
      { maxFullNodes: 10, groupThreshold: 2 },
      'ops-router +1',
    ],
  ])('finds the node showing %s', (_what, ref, options, label) => {
    const graph = buildGraph(model, options);
    const id = graphNodeFor(graph, model, ref());
    expect(graph.nodes.find((n) => n.id === id)?.label).toBe(label);
  });

  describe('in all-projects mode with many components', () => {
    const tenant = generateTenant({ routers: 60, networks: 130, ports: 900, servers: 150, projects: 4, seed: 3 });
    const options = { maxTopLevelComponents: 3 };
    const big = buildTopologyModel(tenant);
    const server = tenant.servers[0];
    const ref = { kind: 'server' as const, id: server.id };

    it('groups components by project', () => {
      expect(buildGraph(big).nodes.some((n) => n.kind === 'project')).toBe(buildGraph(big).components.length > 40);
      const graph = buildGraph(big, options);
      expect(graph.mode).toBe('overview');
      expect(graph.nodes.filter((n) => n.kind === 'project').map((n) => n.label)).toEqual([
        'project-0',
        'project-1',
        'project-2',
        'project-3',
      ]);
      expect(graph.nodes.filter((n) => n.kind === 'component')).toEqual([]);
      expect(graph.nodes.find((n) => n.id === graphNodeFor(graph, big, ref))?.label).toBe(
        tenant.projects!.find((p) => p.id === server.projectId)!.name,
      );
    });

    it('opens a project into a frame of its components, and a component inside it', () => {
      const projectKey = `project:${server.projectId}`;
      const open = buildGraph(big, { ...options, expandedGroups: new Set([projectKey]) });
      expect(open.frames).toEqual([expect.objectContaining({ key: projectKey, kind: 'project' })]);
      const inside = open.nodes.filter((n) => n.parentId === projectKey);
      expect(inside.length).toBeGreaterThanOrEqual(1);
      expect(inside.every((n) => n.kind === 'component')).toBe(true);
      const componentKey = open.nodes.find((n) => n.id === graphNodeFor(open, big, ref))!.id;
      expect(componentKey).toMatch(/^component:/);

      const deeper = buildGraph(big, { ...options, expandedGroups: new Set([projectKey, componentKey]) });
      expect(deeper.frames.map((f) => [f.kind, f.parentKey])).toEqual([
        ['project', undefined],
        ['component', projectKey],
      ]);
      const shown = deeper.nodes.find((n) => n.id === graphNodeFor(deeper, big, ref))!;
      expect(shown.parentId).toBe(componentKey);
      const ids = new Set(deeper.nodes.map((n) => n.id));
      expect(deeper.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    });
  });
});
