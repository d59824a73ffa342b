/**
 * Lays out a graph with ELK in a web worker; where workers are not allowed (CSP, file:// quirks)
 * it falls back to ELK on the main thread. Results are positions keyed by node id.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyGraph } from '@shared/topology';
import { fromElk, gridFrames, toElkGraph, type GraphLayout } from './elk-graph';

type Pending = { resolve: (node: ElkNode) => void; reject: (err: Error) => void };

/** How the last layout ran (benchmarks and diagnostics). */
export const lastLayout: { where: 'worker' | 'main-thread' | 'none'; elkMs: number } = { where: 'none', elkMs: 0 };

let worker: Worker | null | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./elk-layout.worker.ts', import.meta.url), { type: 'module', name: 'elk-layout' });
    worker.onmessage = (event: MessageEvent<{ id: number; result?: ElkNode; error?: string; elkMs?: number }>) => {
      const job = pending.get(event.data.id);
      if (!job) return;
      pending.delete(event.data.id);
      lastLayout.where = 'worker';
      lastLayout.elkMs = event.data.elkMs ?? 0;
      if (event.data.result) job.resolve(event.data.result);
      else job.reject(new Error(`Graph layout failed: ${event.data.error ?? 'unknown error'}`));
    };
    worker.onerror = () => {
      // The worker could not start: everything waiting (and later) runs on the main thread.
      worker?.terminate();
      worker = null;
      for (const [id, job] of pending) {
        pending.delete(id);
        job.reject(new Error('worker-failed'));
      }
    };
  } catch {
    worker = null;
  }
  return worker;
}

async function onMainThread(graph: ElkNode): Promise<ElkNode> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const started = performance.now();
  const result = await new ELK().layout(graph);
  lastLayout.where = 'main-thread';
  lastLayout.elkMs = performance.now() - started;
  return result;
}

/** Starts the worker and has ELK compile its code on a tiny graph, so the first real layout does not pay for it. */
export function warmUpLayout(): void {
  void runElk({
    id: 'warm-up',
    layoutOptions: { 'elk.algorithm': 'box' },
    children: [{ id: 'a', width: 10, height: 10 }],
  }).catch(() => undefined);
}

async function runElk(graph: ElkNode): Promise<ElkNode> {
  const w = getWorker();
  if (!w) return onMainThread(graph);
  const id = nextId++;
  try {
    return await new Promise<ElkNode>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, graph });
    });
  } catch (err) {
    if ((err as Error).message === 'worker-failed') return onMainThread(graph);
    throw err;
  }
}

/** Positions for every node of the graph (and the frames of expanded components). */
export async function layoutGraph(graph: TopologyGraph): Promise<GraphLayout> {
  // Big frames are packed here (linear time); ELK places them as boxes among the rest.
  const grids = gridFrames(graph);
  return fromElk(await runElk(toElkGraph(graph, grids)), grids);
}
