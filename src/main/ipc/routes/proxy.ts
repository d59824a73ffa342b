import { z } from 'zod';
import type { ProxyContract } from '@shared/ipc/proxy';
import { defineRoutes, voidRequest } from '../define-routes';
import { listenerInputSchema } from '../../proxy/listener-config';
import { exportLog } from '../../proxy/export-log';

const byId = z.object({ id: z.string().min(1).max(64) }).strict();

/** The proxy page's channels: thin adapters over ProxyService. */
export const proxyRoutes = defineRoutes<ProxyContract>()({
  'proxy:list': { schema: voidRequest, run: ({ proxy }) => proxy.list() },
  'proxy:save': {
    // An edit form may echo the listener's token back; main owns it, so it is dropped here.
    schema: listenerInputSchema.transform(({ token: _echoed, ...input }) => input),
    run: ({ proxy }, input) => proxy.save(input),
  },
  'proxy:remove': { schema: byId, run: ({ proxy }, { id }) => proxy.remove(id) },
  'proxy:start': { schema: byId, run: ({ proxy }, { id }) => proxy.start(id) },
  'proxy:stop': { schema: byId, run: ({ proxy }, { id }) => proxy.stop(id) },
  'proxy:log': {
    schema: z
      .object({
        listenerId: z.string().min(1).max(64).optional(),
        afterSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    run: ({ proxy }, query) => proxy.log(query),
  },
  'proxy:trace': {
    schema: z.object({ seq: z.number().int().min(1) }).strict(),
    run: ({ proxy }, { seq }) => proxy.trace(seq),
  },
  'proxy:clearLog': {
    schema: z.object({ listenerId: z.string().min(1).max(64).optional() }).strict(),
    run: ({ proxy }, { listenerId }) => proxy.clearLog(listenerId),
  },
  'proxy:exportLog': {
    // At most what the ring buffer can hold.
    schema: z.object({ seqs: z.array(z.number().int().min(1)).max(100_000) }).strict(),
    run: ({ proxy, options }, { seqs }) => exportLog(options.dialogs, proxy.entriesBySeq(seqs)),
  },
});
