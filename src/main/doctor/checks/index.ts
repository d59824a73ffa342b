/**
 * The checks per networking backend. 'any' checks run for every backend; a backend adds its own
 * path and agent checks, its below-the-API suspects and its closing finding. OVN registers here
 * the same way (one entry), without touching the ML2/OVS checks.
 */
import type { Backend, Finding, Suspect } from '@shared/models/doctor';
import { agentsCheck } from './agents';
import { belowApiFinding, belowApiSuspects } from './below-api';
import { novaCheck } from './nova';
import { ovnBindingCheck, ovnMetadataPortCheck, ovnSuspects } from './ovn';
import { pathsCheck } from './paths';
import { portCheck } from './port';
import { resolutionCheck } from './resolution';
import { securityGroupCheck } from './security-groups';
import type { DoctorCheck, InstanceContext } from './types';

export interface BackendDoctor {
  backend: Backend;
  checks: DoctorCheck[];
  /** What lives below the API on the paths the instance uses, most likely first. */
  suspects(ctx: InstanceContext): Suspect[];
  /** The closing finding about what the API cannot show (never "healthy"). */
  closing(ctx: InstanceContext, suspects: Suspect[], apiBlocked: boolean): Finding | undefined;
}

export const commonChecks: DoctorCheck[] = [portCheck, securityGroupCheck, resolutionCheck, novaCheck];

export const backends: Partial<Record<Backend, BackendDoctor>> = {
  'ml2-ovs': {
    backend: 'ml2-ovs',
    checks: [pathsCheck, agentsCheck],
    suspects: belowApiSuspects,
    closing: belowApiFinding,
  },
  ovn: {
    backend: 'ovn',
    checks: [ovnMetadataPortCheck, ovnBindingCheck],
    suspects: ovnSuspects,
    closing: (ctx, suspects, blocked) => {
      const f = belowApiFinding(ctx, suspects, blocked);
      return f && { ...f, backend: 'ovn' };
    },
  },
};

/** The backend's doctor; an unknown backend falls back to ML2/OVS (the reference deployment). */
export function backendDoctor(backend: Backend): BackendDoctor {
  return backends[backend] ?? (backends['ml2-ovs'] as BackendDoctor);
}
