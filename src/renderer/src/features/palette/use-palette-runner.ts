import { useNavigation } from '../../app/navigation';
import type { PageId } from '../../app/routes';
import type { PaletteTarget } from './palette-index';
import type { ScopedSource } from './use-palette-sources';

/**
 * What choosing an entry does: navigation with the typed routes (a connect is run by
 * <PaletteConnect>, which needs the cloud's id to key its mutation). Entities open on the Topology
 * page in the scope they were found in, so the row exists there.
 */
export function usePaletteRunner(pageIds: readonly string[], sources: readonly ScopedSource[]) {
  const { navigate, selectCloud } = useNavigation();
  const run = (target: PaletteTarget) => {
    switch (target.type) {
      case 'page':
        if (pageIds.includes(target.page)) navigate({ page: target.page as PageId });
        return;
      case 'cloud':
        selectCloud(target.cloudId);
        return;
      case 'entity': {
        const source = sources.find((s) => s.cloudId === target.cloudId);
        selectCloud(target.cloudId);
        navigate({
          page: 'topology',
          cloudId: target.cloudId,
          focus: target.ref,
          ...(source?.allProjects ? { allProjects: true, projectId: source.projectId ?? undefined } : {}),
        });
        return;
      }
      case 'lookup':
        selectCloud(target.cloudId);
        navigate({ page: 'metadata', cloudId: target.cloudId, instanceId: target.instanceId });
        return;
      case 'listener':
        selectCloud(target.cloudId);
        navigate({
          page: 'proxy',
          listener: target.instanceId
            ? { mode: 'instance', cloudId: target.cloudId, instanceId: target.instanceId }
            : { mode: 'namespace', cloudId: target.cloudId, scope: { kind: 'router', id: target.routerId ?? '' } },
        });
        return;
    }
  };
  return run;
}
