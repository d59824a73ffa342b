/**
 * Every channel and event name, as plain constants. The real preload and the browser test bridge
 * are both built from these lists (and nothing else), so they cannot drift apart.
 * Keep this file free of runtime imports other than the per-domain name lists.
 */
import { appChannels } from './app';
import { cloudsChannels } from './clouds';
import { doctorChannels } from './doctor';
import { metadataChannels } from './metadata';
import { proxyChannels } from './proxy';
import { topologyChannels } from './topology';
import { eventNames } from './events';

export const channels = [
  ...appChannels,
  ...cloudsChannels,
  ...topologyChannels,
  ...metadataChannels,
  ...proxyChannels,
  ...doctorChannels,
] as const;

export { eventNames };
