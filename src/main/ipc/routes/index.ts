import type { RouteTable } from '../handle';
import type { Services } from '../../services';
import { appRoutes } from './app';

/** Every channel's route. The type makes a missing channel a compile error. */
export const routes: RouteTable<Services> = {
  ...appRoutes,
} as RouteTable<Services>;
