/**
 * Builds `window.api` from the channel and event lists. Self-contained on purpose (no imports, no
 * closures over module scope): the test bridge injects `buildApi.toString()` into the page, so the
 * browser harness and the real preload run the very same code.
 */
export function buildApi(
  channelList: readonly string[],
  eventList: readonly string[],
  invoke: (channel: string, request: unknown) => Promise<unknown>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
): Record<string, Record<string, unknown>> {
  const api: Record<string, Record<string, unknown>> = { on: {} };
  for (const channel of channelList) {
    const [domain, verb] = channel.split(':');
    api[domain] = api[domain] ?? {};
    api[domain][verb] = (request?: unknown) => invoke(channel, request);
  }
  for (const event of eventList) {
    const [domain, verb] = event.split(':');
    const name = domain + verb.charAt(0).toUpperCase() + verb.slice(1);
    api.on[name] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  }
  for (const key of Object.keys(api)) Object.freeze(api[key]);
  return Object.freeze(api);
}
