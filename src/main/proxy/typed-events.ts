/** A minimal typed event hub: listeners per event name, errors in one listener never reach others. */
export class TypedEvents<M extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof M, Set<(payload: never) => void>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof M>(event: K, listener: (payload: M[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof M>(event: K, payload: M[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (payload: M[K]) => void)(payload);
      } catch {
        // A broken subscriber (a closed window, a full stdout) must not take the proxy down.
      }
    }
  }
}
