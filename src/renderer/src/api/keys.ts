/**
 * Query- and mutation-key factories: every react-query key in the app comes from here, so
 * invalidation by prefix (queryKeys.clouds.all) always matches.
 */
export const queryKeys = {
  clouds: {
    all: ['clouds'] as const,
    list: () => ['clouds', 'list'] as const,
    discovery: () => ['clouds', 'discovery'] as const,
  },
  sessions: {
    all: ['sessions'] as const,
    list: () => ['sessions', 'list'] as const,
    projects: (cloudId: string) => ['sessions', 'projects', cloudId] as const,
  },
  proxy: {
    all: ['proxy'] as const,
    listeners: () => ['proxy', 'listeners'] as const,
    log: () => ['proxy', 'log'] as const,
    trace: (seq: number) => ['proxy', 'trace', seq] as const,
  },
  topology: {
    all: ['topology'] as const,
    /** Every live fetch of one cloud (any scope or region): invalidated when its region changes. */
    cloud: (cloudId: string) => ['topology', 'live', cloudId] as const,
    /** A live fetch: per cloud, token scope (project and region: switching either changes it), all projects, project filter. */
    live: (cloudId: string, tokenScope: string, allProjects: boolean, projectId: string | null) =>
      ['topology', 'live', cloudId, tokenScope, allProjects, projectId ?? ''] as const,
    /** The snapshot opened from a file or the bundled sample (set by the open mutations). */
    offline: () => ['topology', 'offline'] as const,
  },
  doctor: {
    all: ['doctor'] as const,
    /** Everything the doctor found for one cloud. */
    cloud: (cloudId: string) => ['doctor', cloudId] as const,
    diagnosis: (cloudId: string, instanceId: string, symptom: string | null) =>
      ['doctor', cloudId, 'diagnosis', instanceId, symptom ?? ''] as const,
    fleet: (cloudId: string, tokenScope: string, allProjects: boolean, projectId: string | null) =>
      ['doctor', cloudId, 'fleet', tokenScope, allProjects, projectId ?? ''] as const,
    offline: (fetchedAt: string, instanceId: string | null) =>
      ['doctor', 'offline', fetchedAt, instanceId ?? ''] as const,
  },
  metadata: {
    all: ['metadata'] as const,
    /** Everything of one cloud (config, lookups, documents): invalidated when its config changes. */
    cloud: (cloudId: string) => ['metadata', cloudId] as const,
    config: (cloudId: string) => ['metadata', cloudId, 'config'] as const,
    backend: (cloudId: string) => ['metadata', cloudId, 'backend'] as const,
    lookup: (cloudId: string, instanceId: string) => ['metadata', cloudId, 'lookup', instanceId] as const,
    documents: (cloudId: string, via: { ip: string; routerId?: string; networkId?: string } | null) =>
      ['metadata', cloudId, 'documents', via?.ip ?? '', via?.routerId ?? '', via?.networkId ?? ''] as const,
    novaApi: (cloudId: string, instanceId: string) => ['metadata', cloudId, 'novaApi', instanceId] as const,
  },
};

export const mutationKeys = {
  /** Per cloud, so a cloud's last connect attempt (and its error) can be read back. */
  connect: (cloudId: string) => ['session', 'connect', cloudId] as const,
  switchProject: (cloudId: string) => ['session', 'switchProject', cloudId] as const,
  switchRegion: (cloudId: string) => ['session', 'switchRegion', cloudId] as const,
};
