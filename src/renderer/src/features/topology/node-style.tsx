/** Icons and status colours for topology nodes, shared by the trees, the graph and the drawer. */
import {
  IconAlertTriangle,
  IconBoxMultiple,
  IconFolder,
  IconNetwork,
  IconPlug,
  IconPlugConnected,
  IconRouter,
  IconServer,
  IconSitemap,
  IconWorld,
  IconWorldUpload,
  type Icon,
} from '@tabler/icons-react';
import type { EntityKind, GraphNodeKind, TreeNodeKind } from '@shared/topology';

export const treeKindIcon: Record<TreeNodeKind, Icon> = {
  router: IconRouter,
  gateway: IconWorld,
  interface: IconPlug,
  network: IconNetwork,
  subnet: IconSitemap,
  port: IconPlugConnected,
  'floating-ip': IconWorldUpload,
  instance: IconServer,
  'missing-instance': IconAlertTriangle,
  group: IconFolder,
};

export const entityKindIcon: Record<EntityKind, Icon> = {
  router: IconRouter,
  network: IconNetwork,
  subnet: IconSitemap,
  port: IconPlugConnected,
  server: IconServer,
  floatingIp: IconWorldUpload,
};

export const graphKindIcon: Record<GraphNodeKind, Icon> = {
  router: IconRouter,
  network: IconNetwork,
  subnet: IconSitemap,
  instance: IconServer,
  'instance-group': IconBoxMultiple,
  component: IconRouter,
  project: IconFolder,
};

/** Mantine colour for an OpenStack status (ACTIVE, DOWN, ERROR, SHUTOFF, BUILD ...). */
export function statusColor(status: string | undefined): string {
  switch ((status ?? '').toUpperCase()) {
    case 'ACTIVE':
    case 'UP':
      return 'green';
    case 'ERROR':
    case 'DEGRADED':
      return 'red';
    case 'BUILD':
    case 'PENDING_CREATE':
    case 'PENDING_UPDATE':
    case 'REBOOT':
    case 'RESIZE':
      return 'yellow';
    case 'DOWN':
    case 'SHUTOFF':
    case 'SUSPENDED':
    case 'PAUSED':
      return 'gray';
    default:
      return 'gray';
  }
}

/** Accent colour per kind (icons, graph borders). */
export const kindColor: Record<string, string> = {
  router: 'violet',
  gateway: 'teal',
  interface: 'violet',
  network: 'blue',
  subnet: 'cyan',
  port: 'gray',
  'floating-ip': 'teal',
  instance: 'indigo',
  server: 'indigo',
  'missing-instance': 'orange',
  group: 'gray',
  'instance-group': 'indigo',
  component: 'violet',
  project: 'grape',
  floatingIp: 'teal',
};

/** Short text of a node's counts: "2 interfaces · 5 ports · 3 instances". */
export function countsText(
  counts: { interfaces?: number; subnets?: number; ports?: number; instances?: number } | undefined,
): string {
  if (!counts) return '';
  const parts: string[] = [];
  const add = (n: number | undefined, one: string, many: string) => {
    if (n !== undefined) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(counts.interfaces, 'interface', 'interfaces');
  add(counts.subnets, 'subnet', 'subnets');
  add(counts.ports, 'port', 'ports');
  add(counts.instances, 'instance', 'instances');
  return parts.join(' \u00b7 ');
}
