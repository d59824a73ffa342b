import { z } from 'zod';
import type { DoctorContract } from '@shared/ipc/doctor';
import { SYMPTOMS, type Symptom } from '@shared/models/doctor';
import type { TopologyRequest } from '@shared/ipc/topology';
import { topologySnapshotSchema } from '@shared/topology/snapshot-schema';
import { defineRoutes } from '../define-routes';

const id = z.string().trim().min(1).max(255);
const symptom = z.enum(SYMPTOMS as [Symptom, ...Symptom[]]);
const scope: z.ZodType<TopologyRequest> = z
  .object({ cloudId: id, allProjects: z.boolean().optional(), projectId: id.optional() })
  .strict()
  .refine((r) => !r.projectId || r.allProjects, {
    message: 'projectId filters the all-projects view: set allProjects too',
    path: ['projectId'],
  });

/** The doctor's channels: thin adapters over DoctorService. */
export const doctorRoutes = defineRoutes<DoctorContract>()({
  'doctor:diagnose': {
    schema: z.object({ cloudId: id, instanceId: id, symptom: symptom.optional() }).strict(),
    run: ({ doctor }, r) => doctor.diagnose(r.cloudId, r.instanceId, r.symptom),
  },
  'doctor:fleet': { schema: scope, run: ({ doctor }, r) => doctor.fleet(r) },
  'doctor:offline': {
    schema: z.object({ snapshot: topologySnapshotSchema, instanceId: id.optional() }).strict(),
    run: ({ doctor }, r) => doctor.offline(r.snapshot, r.instanceId),
  },
});
