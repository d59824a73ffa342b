import { Alert, Badge, Code, Group, Stack, Text, Timeline } from '@mantine/core';
import type { ResolveTrace } from '@shared/models/metadata';
import type { EntityRef, TopologyModel } from '@shared/topology';
import { IdText, UnbrokenIds } from '../IdText';
import { anyModelName } from '../model-names';
import { ShortId } from '../ShortId';
import { traceNames, type TraceName } from './trace-names';
import { msText, outcomeLabel, stepColors } from './trace-text';

function TraceHeadline({ trace }: { trace: ResolveTrace }) {
  const o = outcomeLabel(trace.outcome);
  return (
    <Group gap="xs">
      <Badge color={o.color} variant="light">
        {o.label}
      </Badge>
      <Text size="sm" c="dimmed">
        {trace.path === 'router' ? 'Router path' : trace.path === 'network' ? 'Network path' : 'No path'} ·{' '}
        {trace.neutronCalls} Neutron call
        {trace.neutronCalls === 1 ? '' : 's'} · {msText(trace.durationMs)}
        {trace.cached ? ' · from the cache' : ''}
        {trace.visibility === 'project' ? ' · project view' : trace.visibility === 'cloud' ? ' · cloud-wide view' : ''}
      </Text>
    </Group>
  );
}

function TraceNames({ names, onOpen }: { names: TraceName[]; onOpen?: (ref: EntityRef) => void }) {
  if (names.length === 0) return null;
  return (
    <Group gap="md" aria-label="Resources in this trace" wrap="wrap">
      {names.map((n) => (
        <Group key={`${n.role}-${n.id}`} gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {n.role}
          </Text>
          <ShortId
            value={n.id}
            name={n.name}
            noun={n.noun}
            onOpen={n.ref && onOpen ? () => onOpen(n.ref!) : undefined}
          />
        </Group>
      ))}
    </Group>
  );
}

type NameOf = (id: string) => string | null;

function TraceSteps({ steps, nameOf }: { steps: ResolveTrace['steps']; nameOf: NameOf }) {
  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label="Trace steps">
      {steps.map((step, i) => (
        <Timeline.Item
          key={`${step.name}-${i}`}
          color={stepColors[step.outcome]}
          title={
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {step.name}
              </Text>
              <Badge size="xs" variant="light" color={stepColors[step.outcome]}>
                {step.outcome}
              </Badge>
              <Text size="xs" c="dimmed">
                {msText(step.durationMs)}
              </Text>
            </Group>
          }
        >
          <Text size="sm">
            <IdText text={step.detail} nameOf={nameOf} />
          </Text>
          {step.request && (
            <Code
              block
              mt={4}
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word' }}
              aria-label="Neutron request"
            >
              <UnbrokenIds text={step.request} />
              {step.status ? `  → ${step.status}` : ''}
            </Code>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** What the real agent would do, or how to fix the error. */
function TraceAdvice({ outcome, nameOf }: { outcome: ResolveTrace['outcome']; nameOf: NameOf }) {
  if (outcome.kind === 'refused' && outcome.agentBehaviour)
    return (
      <Text size="sm" c="dimmed">
        The real agent: <IdText text={outcome.agentBehaviour} nameOf={nameOf} />
      </Text>
    );
  if (outcome.kind === 'error' && outcome.hint)
    return (
      <Text size="sm">
        <Text span fw={600} inherit>
          How to fix:{' '}
        </Text>
        <IdText text={outcome.hint} nameOf={nameOf} />
      </Text>
    );
  return null;
}

/** A resolution step by step: the Neutron query of each step, its status, what came back, how long. */
export function TraceView({
  trace,
  model = null,
  onOpen,
  names,
}: {
  trace: ResolveTrace;
  /** The cloud's topology: names for the ids the trace carries. */
  model?: TopologyModel | null;
  /** Shows a resource in the topology. */
  onOpen?: (ref: EntityRef) => void;
  /** Names known without the topology (the lookup's own), used when the model has none. */
  names?: ReadonlyMap<string, string>;
}) {
  // Ids in the steps' words: named from the topology when it is loaded, shortened otherwise.
  const nameOf: NameOf = (id) => anyModelName(model, id) ?? names?.get(id) ?? null;
  const listed = traceNames(trace, model).map((n) => (n.name ? n : { ...n, name: names?.get(n.id) }));
  return (
    <Stack gap="sm" aria-label="Resolution trace">
      <TraceHeadline trace={trace} />
      <TraceNames names={listed} onOpen={onOpen} />
      {trace.warnings?.map((w) => (
        <Alert key={w} color="yellow" variant="light" p="xs">
          <Text size="sm">
            <IdText text={w} nameOf={nameOf} />
          </Text>
        </Alert>
      ))}
      <TraceSteps steps={trace.steps} nameOf={nameOf} />
      <TraceAdvice outcome={trace.outcome} nameOf={nameOf} />
    </Stack>
  );
}
