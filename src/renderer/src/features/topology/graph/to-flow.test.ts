import { describe, expect, it } from 'vitest';
import { adoptUserNodes, getNodesInside, type InternalNodeBase, type NodeBase } from '@xyflow/system';
import { buildGraph, buildTopologyModel } from '@shared/topology';
import { generateTenant } from '@shared/topology/testing/generate-tenant';
import { fromElk, gridFrames, HANDLE_SIZE } from './elk-graph';
import { nodeHandles, toFlow } from './to-flow';

/** One project, so the overview is a few components; then the biggest one expanded as a grid. */
function expandedGrid() {
  const model = buildTopologyModel(
    generateTenant({ routers: 40, networks: 80, ports: 900, servers: 400, projects: 1 }),
  );
  const overview = buildGraph(model);
  const biggest = [...overview.components].sort((a, b) => b.size - a.size)[0];
  const graph = buildGraph(model, { expandedGroups: new Set([biggest.key]) });
  const grids = gridFrames(graph);
  expect(grids.size).toBe(1);
  // The frame at the origin, as ELK would place the one box.
  const [key, grid] = [...grids][0];
  const layout = fromElk({ id: 'root', children: [{ id: `frame:${key}`, x: 0, y: 0, ...grid }] }, grids);
  const marks = { selectedId: undefined, highlightedIds: new Set<string>(), blocked: new Map() };
  return { graph, flow: toFlow(graph, layout, marks, () => undefined, { keys: new Set(), onToggle: () => undefined }) };
}

describe('graph nodes handed to xyflow', () => {
  it('put the handles in the middle of the left and right sides', () => {
    const [target, source] = nodeHandles(200, 58);
    expect(target).toMatchObject({ type: 'target', position: 'left', x: -HANDLE_SIZE / 2, y: 29 - HANDLE_SIZE / 2 });
    expect(source).toMatchObject({ type: 'source', position: 'right', x: 200 - HANDLE_SIZE / 2 });
  });

  it('let xyflow mount only the nodes in view of an expanded grid, not every node to measure it', () => {
    const { graph, flow } = expandedGrid();
    expect(flow.nodes.length).toBeGreaterThan(400);
    const lookup = new Map<string, InternalNodeBase>();
    adoptUserNodes(flow.nodes as NodeBase[], lookup, new Map());
    // xyflow renders a node without handle bounds whatever the viewport ("forceInitialRender").
    expect([...lookup.values()].filter((n) => !n.internals.handleBounds)).toEqual([]);
    const inView = getNodesInside(lookup, { x: 0, y: 0, width: 1400, height: 800 }, [0, 0, 1], true);
    const cells = inView.filter((n) => n.type === 'topology');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(graph.nodes.length / 4);
  });
});
