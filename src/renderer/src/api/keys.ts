/**
 * Query- and mutation-key factories: every react-query key in the app comes from here, so
 * invalidation by prefix (queryKeys.clouds.all) always matches.
 */
export const queryKeys = {
  app: {
    info: () => ['app', 'info'] as const,
  },
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
};

export const mutationKeys = {
  /** Per cloud, so a cloud's last connect attempt (and its error) can be read back. */
  connect: (cloudId: string) => ['session', 'connect', cloudId] as const,
  switchProject: (cloudId: string) => ['session', 'switchProject', cloudId] as const,
};
