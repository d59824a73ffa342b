/**
 * Builds a ResolveTrace step by step: every step carries what it asked (method + path + query,
 * never a token), what came back and how long it took.
 */
import type { TraceStep } from '@shared/models/metadata';
import { AppError } from '../errors';

/** Milliseconds with sub-millisecond precision (trace durations of cached resolutions are tiny). */
export function nowMs(): number {
  return performance.now();
}

/** Rounds a duration for display and JSON (0.001 ms resolution). */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export class TraceRecorder {
  readonly steps: TraceStep[] = [];
  neutronCalls = 0;
  private readonly started = nowMs();

  /** Adds a step that took no I/O (normalise, decide, refusals). */
  note(step: Omit<TraceStep, 'durationMs'> & { durationMs?: number }): TraceStep {
    const full: TraceStep = { ...step, durationMs: roundMs(step.durationMs ?? 0) };
    this.steps.push(full);
    return full;
  }

  /** Elapsed time since the recorder was created. */
  elapsed(): number {
    return roundMs(nowMs() - this.started);
  }
}

/** The HTTP status an AppError carries in its details, if any. */
export function statusOf(err: unknown): number | undefined {
  if (err instanceof AppError && typeof err.details?.status === 'number') return err.details.status;
  return undefined;
}
