/**
 * One layout as the worker runs it: the layered layouts of big components asked for with links
 * (linear time, layered-layout.ts) give their frames' sizes, then ELK places everything else with
 * those frames as fixed boxes. Pure apart from the ELK function it is given.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdge, GraphNode } from '@shared/topology';
import { frameId, type GridFrame } from './elk-graph';
import { layeredFrame } from './layered-layout';

export interface LayoutJob {
  /** The ELK graph; frames of `layered` are boxes whose size is filled in here. */
  graph: ElkNode;
  layered: Array<{ key: string; nodes: GraphNode[]; edges: GraphEdge[] }>;
}

export interface LayoutAnswer {
  result: ElkNode;
  layered: Array<{ key: string; frame: GridFrame }>;
}

function findNode(node: ElkNode, id: string): ElkNode | undefined {
  if (node.id === id) return node;
  for (const child of node.children ?? []) {
    const hit = findNode(child, id);
    if (hit) return hit;
  }
  return undefined;
}

export async function runLayoutJob(
  job: LayoutJob,
  layout: (graph: ElkNode) => Promise<ElkNode>,
): Promise<LayoutAnswer> {
  const layered = job.layered.map(({ key, nodes, edges }) => ({
    key,
    frame: layeredFrame(nodes, edges, frameId(key)),
  }));
  for (const { key, frame } of layered) {
    const box = findNode(job.graph, frameId(key));
    if (box) Object.assign(box, { width: frame.width, height: frame.height });
  }
  return { result: await layout(job.graph), layered };
}
