/// <reference lib="webworker" />
/** Runs the layouts off the UI thread: a big layout never freezes scrolling or typing. */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { runLayoutJob, type LayoutJob } from './layout-job';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; job: LayoutJob }>) => {
  const { id, job } = event.data;
  try {
    const started = performance.now();
    const answer = await runLayoutJob(job, (graph: ElkNode) => elk.layout(graph));
    self.postMessage({ id, answer, elkMs: performance.now() - started });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
