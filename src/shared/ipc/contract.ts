import type { AppContract } from './app';
import type { CloudsContract } from './clouds';
import type { DoctorContract } from './doctor';
import type { MetadataContract } from './metadata';
import type { ProxyContract } from './proxy';
import type { TopologyContract } from './topology';
import type { Result } from '../errors';

/** Channel -> { request, response }: the one IPC contract. Channels are named `domain:verb`. */
export type IpcContract = AppContract &
  CloudsContract &
  TopologyContract &
  MetadataContract &
  ProxyContract &
  DoctorContract;
export type Channel = keyof IpcContract & string;
export type RequestOf<C extends Channel> = IpcContract[C]['request'];
export type ResponseOf<C extends Channel> = IpcContract[C]['response'];

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** The shape of `window.api`: api.<domain>.<verb>(request) -> Promise<Result<response>>, plus api.on.<event>. */
export type StackLensApi = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D>]: RequestOf<`${D}:${V}` & Channel> extends void
      ? () => Promise<Result<ResponseOf<`${D}:${V}` & Channel>>>
      : (request: RequestOf<`${D}:${V}` & Channel>) => Promise<Result<ResponseOf<`${D}:${V}` & Channel>>>;
  };
} & {
  on: {
    [E in import('./events').EventName as E extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never]: (
      listener: (payload: import('./events').EventPayloads[E]) => void,
    ) => () => void;
  };
};
