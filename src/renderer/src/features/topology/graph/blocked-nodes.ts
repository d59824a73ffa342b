/**
 * Which graph nodes carry the doctor's "metadata blocked" marking. An instance hidden in a group
 * or a collapsed component marks the node standing for it, with a count, so a blocked instance is
 * never invisible in an overview.
 */
import { graphNodeFor, type TopologyGraph, type TopologyModel } from '@shared/topology';

/** Graph node id -> how many blocked instances it shows (1 for an instance node). */
export function blockedGraphNodes(
  graph: TopologyGraph,
  model: TopologyModel,
  blockedInstances: ReadonlySet<string> | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  if (!blockedInstances?.size) return counts;
  for (const id of blockedInstances) {
    const node = graphNodeFor(graph, model, { kind: 'server', id });
    if (node) counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return counts;
}

/** The words a screen reader hears and the pill shows. */
export function blockedLabel(count: number, kind: string): string {
  return kind === 'instance' ? 'metadata blocked' : `${count} metadata blocked`;
}
