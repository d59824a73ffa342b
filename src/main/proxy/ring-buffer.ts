/** A fixed-capacity FIFO: pushing past capacity drops the oldest item. O(1) push. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const index = (this.start + this.count) % this.capacity;
    this.items[index] = item;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Items oldest first. */
  toArray(): T[] {
    const out: T[] = new Array(this.count);
    for (let i = 0; i < this.count; i += 1) out[i] = this.items[(this.start + i) % this.capacity] as T;
    return out;
  }

  /** The newest item matching `predicate`, searching from the newest end. */
  findLast(predicate: (item: T) => boolean): T | undefined {
    for (let i = this.count - 1; i >= 0; i -= 1) {
      const item = this.items[(this.start + i) % this.capacity] as T;
      if (predicate(item)) return item;
    }
    return undefined;
  }

  /** Removes every item matching `predicate` (order kept). O(n). */
  removeWhere(predicate: (item: T) => boolean): void {
    const kept = this.toArray().filter((item) => !predicate(item));
    this.clear();
    for (const item of kept) this.push(item);
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
