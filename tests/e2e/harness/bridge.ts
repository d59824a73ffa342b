/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { buildApi } from '../../../src/shared/ipc/build-api';
import { channels, eventNames } from '../../../src/shared/ipc/channels';
import type { Dispatch } from '../../../src/main/ipc/handle';
import type { EventName, EventPayloads } from '../../../src/shared/ipc/events';
import type { PayloadRecorder } from './recorder';

/**
 * The page-side half of the bridge: the very buildApi() the preload runs (injected as source),
 * invoking through the __slInvoke binding and subscribing through a small listener registry.
 * window.api is defined read-only, as contextBridge does.
 */
export function bridgeInitScript(): string {
  return `(() => {
  const buildApi = (${buildApi.toString()});
  const listeners = new Map();
  Object.defineProperty(window, '__slDeliver', {
    value: (event, payload) => { for (const listener of [...(listeners.get(event) || [])]) listener(payload); },
  });
  const invoke = (channel, request) => window.__slInvoke(channel, request);
  const subscribe = (event, listener) => {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => { listeners.get(event).delete(listener); };
  };
  Object.defineProperty(window, 'api', {
    value: buildApi(${JSON.stringify(channels)}, ${JSON.stringify(eventNames)}, invoke, subscribe),
    enumerable: true,
  });
})();`;
}

/**
 * Binds a page to the REAL main dispatcher: every call goes through createDispatcher (sender
 * check with the calling frame's URL, zod, envelope) and every payload is recorded.
 */
export async function installBridge(page: Page, dispatch: Dispatch, recorder: PayloadRecorder): Promise<void> {
  await page.exposeBinding('__slInvoke', async (source, channel: string, request: unknown) => {
    recorder.record({ direction: 'request', channel, payload: request });
    const result = await dispatch(channel, request, { senderUrl: source.frame.url() });
    recorder.record({ direction: 'response', channel, payload: result });
    return result;
  });
  await page.addInitScript(bridgeInitScript());
}

/** Delivers a main -> renderer event to the page (the harness's webContents.send). */
export function deliverEvent<E extends EventName>(
  page: Page,
  recorder: PayloadRecorder,
  event: E,
  payload: EventPayloads[E],
): void {
  recorder.record({ direction: 'event', channel: event, payload });
  page
    .evaluate(
      ([name, data]) =>
        (window as unknown as { __slDeliver?: (e: string, p: unknown) => void }).__slDeliver?.(name, data),
      [event, payload] as const,
    )
    // The page may be navigating or closed: like webContents.send, a lost event is not an error.
    .catch(() => undefined);
}
