import { z } from 'zod';
import type { TopologyContract, TopologyRequest } from '@shared/ipc/topology';
import { topologySnapshotSchema } from '@shared/topology/snapshot-schema';
import { defineRoutes, voidRequest } from '../define-routes';

const id = z.string().min(1).max(128);

const topologyRequest: z.ZodType<TopologyRequest> = z
  .object({ cloudId: id, allProjects: z.boolean().optional(), projectId: id.optional() })
  .strict()
  .refine((r) => !r.projectId || r.allProjects, {
    message: 'projectId filters the all-projects view: set allProjects too',
    path: ['projectId'],
  });

export const topologyRoutes = defineRoutes<TopologyContract>()({
  'topology:get': {
    schema: topologyRequest,
    run: ({ topology }, request) => topology.get(request),
  },
  'topology:saveSnapshot': {
    schema: z.object({ snapshot: topologySnapshotSchema }).strict(),
    run: ({ topology }, { snapshot }) => topology.saveSnapshot(snapshot),
  },
  'topology:openSnapshot': {
    schema: voidRequest,
    run: ({ topology }) => topology.openSnapshot(),
  },
  'topology:openSample': {
    schema: voidRequest,
    run: ({ topology }) => topology.openSample(),
  },
});
