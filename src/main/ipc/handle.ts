import type { ZodType } from 'zod';
import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { Result } from '@shared/errors';
import { AppError, toIpcError } from '../errors';

/** Who called: the URL of the frame that sent the IPC message. */
export interface CallContext {
  senderUrl: string;
}

export interface Route<C extends Channel, S> {
  /** Validates the request; the handler only ever sees parsed data. */
  schema: ZodType<RequestOf<C>>;
  run: (services: S, request: RequestOf<C>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
}

export type RouteTable<S, C extends Channel = Channel> = { [K in C]: Route<K, S> };

export interface DispatchOptions {
  /** True when the sender is the app's own page (Electron checklist: validate the sender). */
  isTrustedSender: (senderUrl: string) => boolean;
  /** Secret-free diagnostics. */
  log?: (line: string) => void;
}

export type Dispatch = (channel: string, request: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/**
 * The ONE wrapper every IPC call goes through, in Electron and in the browser test bridge alike:
 * sender check, schema validation, error envelope.
 */
export function createDispatcher<S, C extends Channel = Channel>(
  routes: RouteTable<S, C>,
  services: S,
  options: DispatchOptions,
): Dispatch {
  const table = routes as unknown as Record<string, Route<Channel, S>>;
  return async (channel, request, ctx) => {
    try {
      if (!options.isTrustedSender(ctx.senderUrl)) {
        throw new AppError('FORBIDDEN_SENDER', `IPC call ${channel} refused: the sender is not StackLens's own page.`);
      }
      const route = Object.prototype.hasOwnProperty.call(table, channel) ? table[channel] : undefined;
      if (!route) throw new AppError('NOT_FOUND', `Unknown IPC channel ${channel}.`);
      const parsed = route.schema.safeParse(request);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
        throw new AppError('INVALID_ARGUMENT', `Invalid request for ${channel}: ${issues}`);
      }
      const data = await route.run(services, parsed.data, ctx);
      return { ok: true, data: data === undefined ? null : data };
    } catch (err) {
      const error = toIpcError(err);
      if (error.code === 'INTERNAL') options.log?.(`ipc ${channel} failed: ${error.message}`);
      return { ok: false, error };
    }
  };
}

/** Same-origin check by parsed origin (never startsWith: http://app.evil.com starts with http://app). */
export function sameOrigin(url: string, allowed: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(allowed);
    if (a.protocol === 'file:' || b.protocol === 'file:') {
      return a.protocol === b.protocol && a.pathname === b.pathname;
    }
    if (a.protocol === 'http:' || a.protocol === 'https:') return a.origin === b.origin;
    // A custom scheme (app://stacklens) has the opaque origin "null" in WHATWG URL: two such URLs
    // would compare equal whatever their scheme. Compare scheme and host instead.
    return a.protocol === b.protocol && a.host !== '' && a.host === b.host && !a.username && !a.password;
  } catch {
    return false;
  }
}
