import type { ComponentType } from 'react';
import {
  IconCloud,
  IconPlugConnected,
  IconServer2,
  IconStethoscope,
  IconTopologyStar3,
  type Icon,
} from '@tabler/icons-react';
import { CloudsPage } from '../features/clouds/CloudsPage';
import { HealthPage } from '../features/doctor/HealthPage';
import { MetadataPage } from '../features/metadata/MetadataPage';
import { ProxyPage } from '../features/proxy/ProxyPage';
import { TopologyPage } from '../features/topology/TopologyPage';
import type { PageId } from './routes';

/** One page of the app, shown in the navbar and rendered in the main area. */
export interface AppPage {
  id: PageId;
  label: string;
  icon: Icon;
  component: ComponentType;
  /** One line for the navbar tooltip / description. */
  description?: string;
}

/**
 * The page registry. Features add their page here (topology, instances, proxy, ...): one entry,
 * one import. Register only pages that exist; the navbar lists them in this order.
 */
export const pages: AppPage[] = [
  {
    id: 'clouds',
    label: 'Clouds',
    icon: IconCloud,
    component: CloudsPage,
    description: 'Configured clouds and sessions',
  },
  {
    id: 'topology',
    label: 'Topology',
    icon: IconTopologyStar3,
    component: TopologyPage,
    description: 'Routers, networks, subnets, ports and instances: trees and a graph',
  },
  {
    id: 'metadata',
    label: 'Instance metadata',
    icon: IconServer2,
    component: MetadataPage,
    description: 'Metadata paths, agent resolution traces and documents of an instance',
  },
  {
    id: 'health',
    label: 'Metadata health',
    icon: IconStethoscope,
    component: HealthPage,
    description: 'Every instance of a scope: can it get its metadata, and why not',
  },
  {
    id: 'proxy',
    label: 'Metadata proxy',
    icon: IconPlugConnected,
    component: ProxyPage,
    description: 'Local metadata proxy listeners and their request log',
  },
];

export const defaultPageId = pages[0].id;

export function findPage(id: PageId): AppPage {
  return pages.find((page) => page.id === id) ?? pages[0];
}
