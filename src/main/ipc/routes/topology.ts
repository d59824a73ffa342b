import { z } from 'zod';
import type { topologyChannels, TopologyRequest } from '@shared/ipc/topology';
import type { TopologySnapshot } from '@shared/models/topology';
import { topologySnapshotSchema } from '@shared/topology/snapshot-schema';
import type { RouteTable } from '../handle';
import type { Services } from '../../services';

type TopologyChannel = (typeof topologyChannels)[number];

const voidRequest = z
  .undefined()
  .or(z.null())
  .transform(() => undefined) as never;
const id = z.string().min(1).max(128);

const topologyRequest: z.ZodType<TopologyRequest> = z
  .object({ cloudId: id, allProjects: z.boolean().optional(), projectId: id.optional() })
  .strict()
  .refine((r) => !r.projectId || r.allProjects, {
    message: 'projectId filters the all-projects view: set allProjects too',
    path: ['projectId'],
  });

export const topologyRoutes: RouteTable<Services, TopologyChannel> = {
  'topology:get': {
    schema: topologyRequest,
    run: ({ topology }, request) => topology.get(request),
  },
  'topology:saveSnapshot': {
    schema: z.object({ snapshot: topologySnapshotSchema as unknown as z.ZodType<TopologySnapshot> }).strict(),
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
};
