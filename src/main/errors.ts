import type { ErrorCode, IpcError } from '@shared/errors';

/**
 * The one error type main code throws on purpose. Messages and details must never contain a
 * secret (password, token, shared secret): they are shown to the user and may be logged.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly details?: IpcError['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Encodes any thrown value as an IpcError; unknown errors become INTERNAL with their message. */
export function toIpcError(err: unknown): IpcError {
  if (err instanceof AppError) {
    return { code: err.code, message: err.message, hint: err.hint, details: err.details };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: message || 'Unexpected error' };
}
