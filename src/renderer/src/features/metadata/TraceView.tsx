import { Alert, Badge, Code, Group, Stack, Text, Timeline } from '@mantine/core';
import type { ResolveTrace } from '@shared/models/metadata';
import type { EntityRef, TopologyModel } from '@shared/topology';
import { EntityName } from '../../components/EntityName';
import { traceNames } from './trace-names';
import { msText, outcomeLabel, stepColors } from './metadata-text';

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
  const o = outcomeLabel(trace.outcome);
  const names = traceNames(trace, model);
  return (
    <Stack gap="sm" aria-label="Resolution trace">
      <Group gap="xs">
        <Badge color={o.color} variant="light">
          {o.label}
        </Badge>
        <Text size="sm" c="dimmed">
          {trace.path === 'router' ? 'Router path' : trace.path === 'network' ? 'Network path' : 'No path'} ·{' '}
          {trace.neutronCalls} Neutron call
          {trace.neutronCalls === 1 ? '' : 's'} · {msText(trace.durationMs)}
          {trace.cached ? ' · from the cache' : ''}
          {trace.visibility === 'project'
            ? ' · project view'
            : trace.visibility === 'cloud'
              ? ' · cloud-wide view'
              : ''}
        </Text>
      </Group>
      {names.length > 0 && (
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
      )}
      {trace.warnings?.map((w) => (
        <Alert key={w} color="yellow" variant="light" p="xs">
          <Text size="sm">{w}</Text>
        </Alert>
      ))}
      <Timeline bulletSize={14} lineWidth={2} aria-label="Trace steps">
        {trace.steps.map((step, i) => (
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
              <Code
                block
                mt={4}
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                aria-label="Neutron request"
              >
                {step.request}
                {step.status ? `  → ${step.status}` : ''}
              </Code>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      {trace.outcome.kind === 'refused' && trace.outcome.agentBehaviour && (
        <Text size="sm" c="dimmed">
          The real agent: {trace.outcome.agentBehaviour}
        </Text>
      )}
      {trace.outcome.kind === 'error' && trace.outcome.hint && (
        <Text size="sm">
          <Text span fw={600} inherit>
            How to fix:{' '}
          </Text>
          {trace.outcome.hint}
        </Text>
      )}
    </Stack>
  );
}
