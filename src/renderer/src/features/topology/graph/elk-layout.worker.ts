/// <reference lib="webworker" />
/** Runs ELK off the UI thread: a big layout never freezes scrolling or typing. */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = event.data;
  try {
    const started = performance.now();
    const result = await elk.layout(graph);
    self.postMessage({ id, result, elkMs: performance.now() - started });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
