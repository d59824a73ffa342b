/**
 * The agent's optional lookup cache (oslo.cache `cache_method_results` on `_get_router_networks`
 * and `_get_ports_for_remote_address`, Zed to 2024.2; removed in 2025.1): short TTL, keyed by the
 * method's arguments. skip_cache bypasses reads but still writes, as in the agent.
 */
import { LRUCache } from 'lru-cache';
import type { PortMatch } from '@shared/models/metadata';

export interface ResolverCacheOptions {
  /** Time to live; the agent's docs suggest about 10 s (a fixed IP can move to a new port). */
  ttlMs: number;
  /** Most entries kept per kind. */
  max: number;
}

export interface RouterNetworksEntry {
  networks: string[];
  portIds: string[];
}

export class ResolverCache {
  private readonly routers: LRUCache<string, RouterNetworksEntry>;
  private readonly ports: LRUCache<string, PortMatch[]>;

  constructor(options: ResolverCacheOptions) {
    const max = Math.max(1, Math.floor(options.max));
    this.routers = new LRUCache({ max, ttl: options.ttlMs });
    this.ports = new LRUCache({ max, ttl: options.ttlMs });
  }

  /** Key of a port lookup: the address (IP or MAC) and the networks searched, in order. */
  static portsKey(lookup: { ip?: string; mac?: string }, networks: readonly string[]): string {
    return JSON.stringify([lookup.mac ? `mac:${lookup.mac}` : `ip:${lookup.ip ?? ''}`, networks]);
  }

  getRouterNetworks(routerId: string): RouterNetworksEntry | undefined {
    return this.routers.get(routerId);
  }

  setRouterNetworks(routerId: string, entry: RouterNetworksEntry): void {
    this.routers.set(routerId, entry);
  }

  getPorts(key: string): PortMatch[] | undefined {
    return this.ports.get(key);
  }

  setPorts(key: string, ports: PortMatch[]): void {
    this.ports.set(key, ports);
  }

  clear(): void {
    this.routers.clear();
    this.ports.clear();
  }
}
