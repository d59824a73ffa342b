/**
 * Counts the calls and pages of a topology fetch per resource and reports progress after every
 * page (several parallel calls for one resource, e.g. own + shared + external networks, add up).
 */
import type { TopologyFetchStats } from '@shared/models/topology';

export interface TopologyProgress {
  resource: string;
  pages: number;
  items: number;
  done: boolean;
}

interface ResourceState {
  pages: number;
  open: number;
  /** Items so far of each call, by call number. */
  items: Map<number, number>;
}

export interface CallProgress {
  /** A page arrived; `items` is this call's running total. */
  page(items: number): void;
  end(): void;
}

export class ProgressTracker {
  private readonly resources = new Map<string, ResourceState>();
  private readonly calls = new Map<string, number>();
  private apiCalls = 0;
  private nextCall = 0;

  constructor(private readonly onProgress?: (progress: TopologyProgress) => void) {}

  private state(resource: string): ResourceState {
    let s = this.resources.get(resource);
    if (!s) {
      s = { pages: 0, open: 0, items: new Map() };
      this.resources.set(resource, s);
    }
    return s;
  }

  private report(resource: string): void {
    const s = this.state(resource);
    let items = 0;
    for (const n of s.items.values()) items += n;
    this.onProgress?.({ resource, pages: s.pages, items, done: s.open === 0 });
  }

  /** One HTTP request was made (retries of a page count too). */
  request(resource: string): void {
    this.apiCalls++;
    this.calls.set(resource, (this.calls.get(resource) ?? 0) + 1);
  }

  /** A list call starts; several may run for one resource. */
  begin(resource: string): CallProgress {
    const s = this.state(resource);
    const id = this.nextCall++;
    s.open++;
    s.items.set(id, 0);
    let ended = false;
    return {
      page: (items) => {
        s.pages++;
        s.items.set(id, items);
        this.report(resource);
      },
      end: () => {
        if (ended) return;
        ended = true;
        s.open--;
        if (s.open === 0) this.report(resource);
      },
    };
  }

  stats(): Omit<TopologyFetchStats, 'durationMs'> {
    let pages = 0;
    for (const s of this.resources.values()) pages += s.pages;
    return { apiCalls: this.apiCalls, pages, callsByResource: Object.fromEntries(this.calls) };
  }
}
