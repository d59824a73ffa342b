import { Alert, Badge, Code, Group, Stack, Text, Timeline } from '@mantine/core';
import type { ResolveTrace } from '@shared/models/metadata';
import type { EntityRef, TopologyModel } from '@shared/topology';
import { EntityName } from '../EntityName';
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
          <EntityName
            id={n.id}
            name={n.name}
            noun={n.noun}
            onOpen={n.ref && onOpen ? () => onOpen(n.ref!) : undefined}
          />
        </Group>
      ))}
    </Group>
  );
}

function TraceSteps({ steps }: { steps: ResolveTrace['steps'] }) {
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
          <Text size="sm">{step.detail}</Text>
          {step.request && (
            <Code block mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} aria-label="Neutron request">
              {step.request}
              {step.status ? `  → ${step.status}` : ''}
            </Code>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** What the real agent would do, or how to fix the error. */
function TraceAdvice({ outcome }: { outcome: ResolveTrace['outcome'] }) {
  if (outcome.kind === 'refused' && outcome.agentBehaviour)
    return (
      <Text size="sm" c="dimmed">
        The real agent: {outcome.agentBehaviour}
      </Text>
    );
  if (outcome.kind === 'error' && outcome.hint)
    return (
      <Text size="sm">
        <Text span fw={600} inherit>
          How to fix:{' '}
        </Text>
        {outcome.hint}
      </Text>
    );
  return null;
}

/** A resolution step by step: the Neutron query of each step, its status, what came back, how long. */
export function TraceView({
  trace,
  model = null,
  onOpen,
}: {
  trace: ResolveTrace;
  /** The cloud's topology: names for the ids the trace carries. */
  model?: TopologyModel | null;
  /** Shows a resource in the topology. */
  onOpen?: (ref: EntityRef) => void;
}) {
  return (
    <Stack gap="sm" aria-label="Resolution trace">
      <TraceHeadline trace={trace} />
      <TraceNames names={traceNames(trace, model)} onOpen={onOpen} />
      {trace.warnings?.map((w) => (
        <Alert key={w} color="yellow" variant="light" p="xs">
          <Text size="sm">{w}</Text>
        </Alert>
      ))}
      <TraceSteps steps={trace.steps} />
      <TraceAdvice outcome={trace.outcome} />
    </Stack>
  );
}
