import { z } from 'zod';
import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { CallContext, RouteTable } from './handle';
import type { Services } from '../services';

/** The request of a channel that takes none: the preload sends undefined, a test bridge may send null. */
export const voidRequest = z
  .undefined()
  .or(z.null())
  .transform(() => undefined);

/** One object type for an intersection (`Omit<X, 'a'> & { a?: string }`), so it compares as written. */
type Flat<T> = T extends object ? { [K in keyof T]: T[K] } : T;
/** True only when A and B are the same type (assignability both ways is not enough for optionals). */
type Equals<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
/** `void` in the contract is what voidRequest parses to. */
type Parsed<C extends Channel> = RequestOf<C> extends void ? undefined : RequestOf<C>;

/** One route with its schema's own type kept (RouteTable widens it to the contract's). */
interface RouteOf<C extends Channel, Z extends z.ZodType> {
  schema: Z;
  run: (services: Services, request: z.output<Z>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
}

/** The channels whose schema (in T, channel -> schema) parses to anything but the contract's request (never when all match). */
type Mismatched<C extends Channel, T> = {
  [K in C]: K extends keyof T ? (Equals<z.output<T[K]>, Parsed<K>> extends true ? never : K) : K;
}[C];

/**
 * Declares the routes of one domain's contract: `defineRoutes<CloudsContract>()({ 'clouds:list': ... })`.
 * Every channel of the contract needs a route, and every route's schema must parse to exactly the
 * request type the renderer sends: a schema that drops or adds a field is a compile error naming the
 * channel (curried so the schemas' own types are inferred, then compared).
 */
export function defineRoutes<Contract>() {
  type C = keyof Contract & Channel;
  return <Z extends { [K in C]: z.ZodType }>(
    routes: { [K in keyof Z]: RouteOf<K & C, Z[K]> },
    ..._exact: [Mismatched<C, Z>] extends [never] ? [] : [schemaDiffersFromContract: Mismatched<C, Z>]
  ): RouteTable<Services, C> =>
    // Checked above, channel by channel, which TypeScript cannot follow through the mapped types.
    routes as unknown as RouteTable<Services, C>;
}
