import type { RouteTable } from '../handle';
import type { Services } from '../../services';
import { appRoutes } from './app';
import { cloudsRoutes } from './clouds';
import { doctorRoutes } from './doctor';
import { metadataRoutes } from './metadata';
import { proxyRoutes } from './proxy';
import { topologyRoutes } from './topology';

/** Every channel's route. The type makes a missing channel a compile error. */
export const routes: RouteTable<Services> = {
  ...appRoutes,
  ...cloudsRoutes,
  ...metadataRoutes,
  ...proxyRoutes,
  ...topologyRoutes,
  ...doctorRoutes,
};
