import { describe, expect, it } from 'vitest';
import { SourceRateLimiter, rateTableSize } from './rate-limiter';

function limiter(overrides: Partial<ConstructorParameters<typeof SourceRateLimiter>[0]> = {}) {
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const rl = new SourceRateLimiter(
    { enabled: true, baseWindowSeconds: 10, baseLimit: 10, burstWindowSeconds: 1, burstLimit: 3, ...overrides },
    () => now,
  );
  return { rl, clock };
}

describe('SourceRateLimiter', () => {
  it('lets everything through when disabled', () => {
    const { rl } = limiter({ enabled: false });
    for (let i = 0; i < 1000; i += 1) expect(rl.check('10.0.0.1').allowed).toBe(true);
    expect(rl.size).toBe(0);
  });

  it('denies once the burst rate is greater than its limit (haproxy "gt")', () => {
    const { rl } = limiter();
    const allowed = Array.from({ length: 5 }, () => rl.check('10.0.0.1').allowed);
    expect(allowed).toEqual([true, true, true, false, false]);
    expect(rl.check('10.0.0.2').allowed).toBe(true);
  });

  it('counts denied requests too (haproxy tracks before it denies)', () => {
    const { rl, clock } = limiter({ burstLimit: 1000, baseLimit: 4, baseWindowSeconds: 10 });
    for (let i = 0; i < 8; i += 1) rl.check('a');
    // 8 hits in the current period; after one full period they weigh in fully as "previous".
    clock.advance(10_000);
    const decision = rl.check('a');
    expect(decision.baseRate).toBe(9);
    expect(decision.allowed).toBe(false);
  });

  it('slides: the previous period weighs in by its remaining overlap', () => {
    const { rl, clock } = limiter({ burstLimit: 1000, baseLimit: 100 });
    for (let i = 0; i < 10; i += 1) rl.check('a');
    clock.advance(10_000 + 7_500); // 75% into the next period: 25% of the previous 10 still count
    expect(rl.check('a').baseRate).toBe(1 + 2);
    clock.advance(20_000); // two whole periods later everything has aged out
    expect(rl.check('a').baseRate).toBe(1);
  });

  it('enforces the base window independently of the burst window', () => {
    const { rl, clock } = limiter({ baseLimit: 5, burstLimit: 3 });
    const results: boolean[] = [];
    for (let i = 0; i < 8; i += 1) {
      results.push(rl.check('a').allowed);
      clock.advance(600); // under the burst limit (at most 2 per second) but 8 within 10 s
    }
    expect(results.slice(0, 5).every(Boolean)).toBe(true);
    expect(results.slice(5)).toEqual([false, false, false]);
  });

  it('gives a Retry-After of at least a second', () => {
    const { rl } = limiter();
    for (let i = 0; i < 4; i += 1) rl.check('a');
    const decision = rl.check('a');
    expect(decision.allowed).toBe(false);
    expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(decision.retryAfterSeconds).toBeLessThanOrEqual(1);
  });

  it("keeps the table bounded like haproxy's size 10k", () => {
    const { rl } = limiter();
    for (let i = 0; i < rateTableSize + 500; i += 1) rl.check(`src-${i}`);
    expect(rl.size).toBe(rateTableSize);
  });
});
