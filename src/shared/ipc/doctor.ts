import type { Diagnosis, FleetReport, Symptom } from '../models/doctor';
import type { TopologySnapshot } from '../models/topology';
import type { TopologyRequest } from './topology';

/** The metadata doctor: one instance, a whole scope, or a snapshot (offline). */
export const doctorChannels = ['doctor:diagnose', 'doctor:fleet', 'doctor:offline'] as const;

export interface DoctorContract {
  /** One instance, live: every finding with evidence and fix; `symptom` = what the instance sees. */
  'doctor:diagnose': { request: { cloudId: string; instanceId: string; symptom?: Symptom }; response: Diagnosis };
  /** Every instance of the scope (same scope rules as topology:get), one row each. */
  'doctor:fleet': { request: TopologyRequest; response: FleetReport };
  /** A snapshot: what can be checked without live calls; with instanceId also that instance's diagnosis. */
  'doctor:offline': {
    request: { snapshot: TopologySnapshot; instanceId?: string };
    response: { report: FleetReport; diagnosis?: Diagnosis };
  };
}
