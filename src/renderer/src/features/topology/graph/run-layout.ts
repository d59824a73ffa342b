/**
 * Lays out a graph with ELK in a web worker; where workers are not allowed (CSP, file:// quirks)
 * it falls back to ELK on the main thread. Results are positions keyed by node id.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyGraph } from '@shared/topology';
import { bigFrameMembers, fromElk, gridFrames, toElkGraph, type GraphLayout, type GridFrame } from './elk-graph';
import { runLayoutJob, type LayoutAnswer, type LayoutJob } from './layout-job';

type Pending = { resolve: (answer: LayoutAnswer) => void; reject: (err: Error) => void };

/** How the last layout ran (benchmarks and diagnostics). */
export const lastLayout: { where: 'worker' | 'main-thread' | 'none'; elkMs: number } = { where: 'none', elkMs: 0 };

let worker: Worker | null | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./elk-layout.worker.ts', import.meta.url), { type: 'module', name: 'elk-layout' });
    worker.onmessage = (event: MessageEvent<{ id: number; answer?: LayoutAnswer; error?: string; elkMs?: number }>) => {
      const job = pending.get(event.data.id);
      if (!job) return;
      pending.delete(event.data.id);
      lastLayout.where = 'worker';
      lastLayout.elkMs = event.data.elkMs ?? 0;
      if (event.data.answer) job.resolve(event.data.answer);
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

async function onMainThread(job: LayoutJob): Promise<LayoutAnswer> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const started = performance.now();
  const elk = new ELK();
  const answer = await runLayoutJob(job, (graph) => elk.layout(graph));
  lastLayout.where = 'main-thread';
  lastLayout.elkMs = performance.now() - started;
  return answer;
}

/** Starts the worker and has ELK compile its code on a tiny graph, so the first real layout does not pay for it. */
export function warmUpLayout(): void {
  void runJob({
    id: 'warm-up',
    layoutOptions: { 'elk.algorithm': 'box' },
    children: [{ id: 'a', width: 10, height: 10 }],
  }).catch(() => undefined);
}

async function runJob(graph: ElkNode, layered: LayoutJob['layered'] = []): Promise<LayoutAnswer> {
  const job: LayoutJob = { graph, layered };
  const w = getWorker();
  if (!w) return onMainThread(job);
  const id = nextId++;
  try {
    return await new Promise<LayoutAnswer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, job });
    });
  } catch (err) {
    if ((err as Error).message === 'worker-failed') return onMainThread(job);
    throw err;
  }
}

/** Layered layouts of big components, per component and its exact node and edge set. */
const layeredCache = new Map<string, GridFrame>();
const MAX_CACHED = 20;

function signature(key: string, nodes: readonly { id: string }[], edges: readonly { id: string }[]): string {
  let h = 2166136261;
  for (const item of [...nodes, ...edges]) {
    for (let i = 0; i < item.id.length; i++) h = Math.imul(h ^ item.id.charCodeAt(i), 16777619);
  }
  return `${key}|${nodes.length}|${edges.length}|${h >>> 0}`;
}

/**
 * Positions for every node of the graph (and the frames of expanded components). Components over
 * MAX_LAYERED_FRAME nodes are packed as a grid, or given a layered layout with links when their key
 * is in `layered` (computed in the worker once per component and node set, then cached).
 */
export async function layoutGraph(
  graph: TopologyGraph,
  options: { layered?: ReadonlySet<string> } = {},
): Promise<GraphLayout> {
  const layered = options.layered ?? new Set<string>();
  const frames = new Map<string, GridFrame>(gridFrames(graph, layered));
  const jobs: LayoutJob['layered'] = [];
  const sigs = new Map<string, string>();
  const members = layered.size ? bigFrameMembers(graph) : new Map();
  for (const [key, nodes] of members) {
    if (!layered.has(key)) continue;
    const ids = new Set(nodes.map((n: { id: string }) => n.id));
    const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const sig = signature(key, nodes, edges);
    const hit = layeredCache.get(sig);
    if (hit) frames.set(key, hit);
    else {
      sigs.set(key, sig);
      jobs.push({ key, nodes, edges });
    }
  }
  const boxes = new Map<string, { width: number; height: number }>(frames);
  for (const job of jobs) boxes.set(job.key, { width: 0, height: 0 }); // sized in the worker
  const answer = await runJob(toElkGraph(graph, boxes), jobs);
  for (const { key, frame } of answer.layered) {
    frames.set(key, frame);
    layeredCache.set(sigs.get(key)!, frame);
    if (layeredCache.size > MAX_CACHED) layeredCache.delete(layeredCache.keys().next().value!);
  }
  return fromElk(answer.result, frames);
}
