/**
 * The doctor as main's IPC routes use it: the session's client and role, the cloud's stored nova
 * target (the secret stays here), one fleet check in flight per cloud and scope.
 */
import type { TopologyRequest } from '@shared/ipc/topology';
import type { Diagnosis, FleetReport, Symptom } from '@shared/models/doctor';
import type { SessionInfo } from '@shared/models/cloud';
import type { TopologySnapshot } from '@shared/models/topology';
import { AppError } from '../errors';
import type { MetadataConfigStore } from '../metadata/metadata-config';
import type { ServiceClient } from '../openstack/service-client';
import type { GatherSession } from './gather';
import { novaAccess } from './nova-probe';
import { diagnoseLive, fleetLive, fleetOffline } from './run-doctor';

export interface DoctorSessions {
  client(cloudId: string): ServiceClient;
  info(cloudId: string): SessionInfo;
}

export interface DoctorServiceOptions {
  sessions: DoctorSessions;
  config: MetadataConfigStore;
  pageSize?: number;
  log?: (line: string) => void;
}

export class DoctorService {
  private readonly inflight = new Map<string, Promise<FleetReport>>();

  constructor(private readonly opts: DoctorServiceOptions) {}

  private session(cloudId: string): GatherSession {
    const info = this.opts.sessions.info(cloudId);
    const project = info.scope.kind === 'project' ? info.scope : undefined;
    return {
      cloudId,
      client: this.opts.sessions.client(cloudId),
      isAdmin: info.isAdmin,
      cloudName: info.cloudName,
      region: info.region,
      sessionProjectId: project?.id,
      sessionProjectName: project?.name,
      pageSize: this.opts.pageSize,
    };
  }

  private nova(cloudId: string) {
    const name = this.opts.sessions.info(cloudId).cloudName;
    return novaAccess(() => this.opts.config.target(cloudId, name));
  }

  diagnose(cloudId: string, instanceId: string, symptom?: Symptom): Promise<Diagnosis> {
    return diagnoseLive(this.session(cloudId), instanceId, { nova: this.nova(cloudId), symptom });
  }

  fleet(request: TopologyRequest): Promise<FleetReport> {
    const s = this.session(request.cloudId);
    if (request.allProjects && !s.isAdmin) {
      throw new AppError(
        'FORBIDDEN',
        'Checking every project needs the admin role.',
        'Turn all-projects off to check your project.',
      );
    }
    const key = JSON.stringify([
      request.cloudId,
      !!request.allProjects,
      request.projectId ?? '',
      s.sessionProjectId ?? '',
      s.region ?? '',
    ]);
    const running = this.inflight.get(key);
    if (running) return running;
    const run = fleetLive(
      s,
      { allProjects: !!request.allProjects, projectId: request.projectId },
      this.nova(request.cloudId),
    )
      .then(({ report }) => {
        this.opts.log?.(
          `doctor ${s.cloudName}: ${report.rows.length} instances, ${report.apiCalls} calls, ${report.durationMs} ms`,
        );
        return report;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run;
  }

  async offline(
    snapshot: TopologySnapshot,
    instanceId?: string,
  ): Promise<{ report: FleetReport; diagnosis?: Diagnosis }> {
    const { report, diagnoses } = await fleetOffline(snapshot.source.cloudName, snapshot);
    const diagnosis = instanceId ? diagnoses.get(instanceId) : undefined;
    if (instanceId && !diagnosis) throw new AppError('NOT_FOUND', `The snapshot has no instance ${instanceId}.`);
    return { report, ...(diagnosis ? { diagnosis } : {}) };
  }
}
