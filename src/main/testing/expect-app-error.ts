import { expect } from 'vitest';
import { AppError } from '../errors';

/** Awaits a promise that must fail with an AppError, and returns it for the test to inspect. */
export async function expectAppError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a failure');
}
