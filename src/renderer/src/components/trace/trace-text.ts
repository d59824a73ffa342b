/** Labels and colours for a resolution trace and its steps, for TraceView and whoever shows a trace. */
import type { ResolveOutcome, TraceStep } from '@shared/models/metadata';

export const stepColors: Record<TraceStep['outcome'], string> = {
  ok: 'green',
  cached: 'blue',
  empty: 'yellow',
  refused: 'orange',
  error: 'red',
};

export function outcomeLabel(outcome: ResolveOutcome): { label: string; color: string } {
  switch (outcome.kind) {
    case 'resolved':
      return { label: 'Resolved', color: 'green' };
    case 'not-found':
      return {
        label: outcome.why === 'several-ports' ? `${outcome.portCount} ports: not found` : 'Not found',
        color: 'yellow',
      };
    case 'refused':
      return { label: `Refused${outcome.code ? ` (${outcome.code})` : ''}`, color: 'orange' };
    case 'error':
      return { label: `Error (${outcome.code})`, color: 'red' };
  }
}

export function msText(ms: number): string {
  return ms < 1 ? `${ms.toFixed(2)} ms` : ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
