/**
 * Per-source rate limiting with neutron's [metadata_rate_limiting] semantics: two windows (base
 * and burst), each a haproxy `http_req_rate(<window>)` stick table keyed on the source address;
 * a request is tracked first and then denied with 429 when either rate is greater than its limit.
 *
 * Each window is a sliding-window counter (the previous period's count weighted by how much of it
 * still overlaps the window, plus the current period's count): haproxy's freq_ctr, O(1) per
 * request. Sources live in an lru-cache bounded like haproxy's `size 10k` table, with a TTL of
 * twice the longest window so idle sources age out.
 */
import { LRUCache } from 'lru-cache';
import type { RateLimitConfig } from '@shared/models/proxy';

interface WindowCounter {
  periodStart: number;
  current: number;
  previous: number;
}

interface SourceState {
  base: WindowCounter;
  burst: WindowCounter;
}

export interface RateDecision {
  allowed: boolean;
  /** The rates seen for this request (including it), for the log. */
  baseRate: number;
  burstRate: number;
  /** Seconds until the weighted rate drops under the limit, rounded up (Retry-After). */
  retryAfterSeconds: number;
}

/** Sources tracked at most, as haproxy's `stick-table ... size 10k`. */
export const rateTableSize = 10_000;

function newCounter(now: number): WindowCounter {
  return { periodStart: now, current: 0, previous: 0 };
}

/** Rolls the counter forward to `now` and returns the weighted rate after counting one hit. */
function hit(counter: WindowCounter, now: number, periodMs: number): number {
  const elapsed = now - counter.periodStart;
  if (elapsed >= 2 * periodMs) {
    counter.previous = 0;
    counter.current = 0;
    counter.periodStart = now;
  } else if (elapsed >= periodMs) {
    counter.previous = counter.current;
    counter.current = 0;
    counter.periodStart += periodMs;
  }
  counter.current += 1;
  const intoPeriod = now - counter.periodStart;
  const overlap = Math.max(0, periodMs - intoPeriod) / periodMs;
  return counter.current + Math.floor(counter.previous * overlap);
}

/** A rate limiter for one listener. `now` is injectable for tests. */
export class SourceRateLimiter {
  private readonly sources: LRUCache<string, SourceState>;

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number = () => performance.now(),
  ) {
    const longest = Math.max(config.baseWindowSeconds, config.burstWindowSeconds) * 1000;
    this.sources = new LRUCache<string, SourceState>({
      max: rateTableSize,
      ttl: 2 * longest,
      // An active source must not age out mid-window.
      updateAgeOnGet: true,
      perf: { now: this.now },
    });
  }

  /** Counts one request from `source` and says whether it may pass. */
  check(source: string): RateDecision {
    if (!this.config.enabled) return { allowed: true, baseRate: 0, burstRate: 0, retryAfterSeconds: 0 };
    const now = this.now();
    let state = this.sources.get(source);
    if (!state) {
      state = { base: newCounter(now), burst: newCounter(now) };
      this.sources.set(source, state);
    }
    const baseMs = this.config.baseWindowSeconds * 1000;
    const burstMs = this.config.burstWindowSeconds * 1000;
    const baseRate = hit(state.base, now, baseMs);
    const burstRate = hit(state.burst, now, burstMs);
    const allowed = baseRate <= this.config.baseLimit && burstRate <= this.config.burstLimit;
    let retryAfterSeconds = 0;
    if (!allowed) {
      const waitBase = baseRate > this.config.baseLimit ? baseMs - (now - state.base.periodStart) : 0;
      const waitBurst = burstRate > this.config.burstLimit ? burstMs - (now - state.burst.periodStart) : 0;
      retryAfterSeconds = Math.max(1, Math.ceil(Math.max(waitBase, waitBurst) / 1000));
    }
    return { allowed, baseRate, burstRate, retryAfterSeconds };
  }

  /** Sources currently tracked. */
  get size(): number {
    return this.sources.size;
  }
}
