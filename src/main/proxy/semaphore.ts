/**
 * Caps how many requests a listener works on upstream at once (Neutron lookups and nova calls),
 * so 100 clients do not become 100 connections to a nova-api-metadata whose uwsgi listen queue
 * holds 100. Waiters are served first come, first served; a waiter can give up at its deadline.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  /** `maxQueue`: waiters allowed behind the limit; past it, `queueFull` says to answer busy at once. */
  constructor(
    readonly limit: number,
    readonly maxQueue = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`);
  }

  /** True when every slot is taken and the queue holds maxQueue waiters. */
  get queueFull(): boolean {
    return this.active >= this.limit && this.waiters.length >= this.maxQueue;
  }

  /** Requests queued behind the limit right now. */
  get queued(): number {
    return this.waiters.length;
  }

  /**
   * Waits for a slot; resolves with its release function, or with null when `timeoutMs` passes
   * first (the caller answers "busy" then).
   */
  acquire(timeoutMs: number): Promise<(() => void) | null> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        this.active += 1;
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(null);
      }, timeoutMs);
      this.waiters.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiters.shift()?.();
    };
  }
}
