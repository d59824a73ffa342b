import type { ErrorCode, IpcError, Result } from '@shared/errors';
import type { StackLensApi } from '@shared/ipc/contract';

/** A failed IPC call, with the fields main sent: code, message, hint (the fix), details. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: IpcError['details'];

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.hint = error.hint;
    this.details = error.details;
  }
}

/** Turns a Result envelope into its data, or throws an ApiError carrying code, message and hint. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.data;
  throw new ApiError(result.error);
}

/** True when `error` is an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** The bridge exposed by the preload. Missing only when the page runs outside StackLens. */
export function bridge(): StackLensApi {
  const api = (window as { api?: StackLensApi }).api;
  if (!api) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'The StackLens bridge (window.api) is missing: this page is not running inside StackLens.',
      hint: 'Start the app with `npm start`, not by opening index.html in a browser.',
    });
  }
  return api;
}
