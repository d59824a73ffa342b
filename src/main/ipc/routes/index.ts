import type { RouteTable } from '../handle';
import type { Services } from '../../services';
import { appRoutes } from './app';
import { cloudsRoutes } from './clouds';

/** Every channel's route. The type makes a missing channel a compile error. */
export const routes: RouteTable<Services> = {
  ...appRoutes,
  ...cloudsRoutes,
} as RouteTable<Services>;
