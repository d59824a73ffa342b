import type { StackLensApi } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by src/preload/index.ts (or the e2e bridge); only src/renderer/src/api/ uses it. */
    readonly api: StackLensApi;
  }
}

export {};
