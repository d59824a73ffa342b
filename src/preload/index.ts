/**
 * The sandboxed preload: exposes `window.api`, named functions derived from the shared contract
 * and nothing else. Never ipcRenderer, never a generic invoke(channel); events hand over the
 * payload only, not the IpcRendererEvent.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '@shared/ipc/build-api';
import { channels, eventNames } from '@shared/ipc/channels';

contextBridge.exposeInMainWorld(
  'api',
  buildApi(
    channels,
    eventNames,
    (channel, request) => ipcRenderer.invoke(channel, request),
    (event, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, handler);
      return () => {
        ipcRenderer.removeListener(event, handler);
      };
    },
  ),
);
