import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('lets `limit` holders in and queues the rest first come, first served', async () => {
    const sem = new Semaphore(2);
    const order: number[] = [];
    const a = await sem.acquire(1000);
    const b = await sem.acquire(1000);
    const waiting = [3, 4].map((n) => sem.acquire(1000).then((release) => (order.push(n), release)));
    expect(sem.queued).toBe(2);
    a?.();
    a?.(); // a second release of the same slot is ignored
    const third = await waiting[0];
    expect(order).toEqual([3]);
    b?.();
    await waiting[1];
    expect(order).toEqual([3, 4]);
    third?.();
  });

  it('gives up at the deadline without taking a slot', async () => {
    const sem = new Semaphore(1);
    const held = await sem.acquire(10);
    expect(await sem.acquire(20)).toBeNull();
    expect(sem.queued).toBe(0);
    held?.();
    expect(await sem.acquire(10)).not.toBeNull();
  });
});
