import { SimpleGrid, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ListenerView } from '@shared/models/proxy';
import type { StatusClass } from '../../api/log-buffer';
import classes from './proxy.module.css';

type CounterKey = keyof ListenerView['status']['counters'];

/** Each counter: its label, what it counts, and the log filter a click applies (none: not in the log). */
const counters: Array<{ key: CounterKey; label: string; help: string; filter?: StatusClass | 'all' }> = [
  { key: 'requests', label: 'Requests', help: 'Answered requests since the listener started', filter: 'all' },
  { key: 'ok', label: '2xx', help: 'Answered by nova with success', filter: 'ok' },
  {
    key: 'clientErrors',
    label: '4xx',
    help: 'Not found, bad request, too large... (429 counted apart)',
    filter: 'clientErrors',
  },
  { key: 'serverErrors', label: '5xx', help: 'Neutron or nova failing or unreachable', filter: 'serverErrors' },
  { key: 'rateLimited', label: '429', help: 'Refused by the per-source rate limit', filter: 'rateLimited' },
  {
    key: 'unresolved',
    label: 'Unresolved',
    help: 'No single port matched, or the request did not say which instance',
    filter: 'unresolved',
  },
  {
    key: 'rejectedConnections',
    label: 'Rejected',
    help: 'Connections closed by a limit: timeout, oversized or malformed headers (not in the log)',
  },
  { key: 'inFlight', label: 'In flight', help: 'Requests waiting for Neutron or nova now' },
];

function colourOf(key: CounterKey, value: number): string | undefined {
  if (value === 0) return key === 'requests' || key === 'inFlight' ? undefined : classes.zero;
  return (classes as Record<string, string | undefined>)[key === 'rejectedConnections' ? 'serverErrors' : key];
}

export interface ListenerCountersProps {
  view: ListenerView;
  /** The log filter on this listener now (a pressed counter shows it). */
  active: StatusClass | 'all' | null;
  onFilter: (filter: StatusClass | 'all') => void;
}

/** The listener's counters, coloured by what they mean; a click shows those requests in the log. */
export function ListenerCounters({ view, active, onFilter }: ListenerCountersProps) {
  const { config, status } = view;
  return (
    <SimpleGrid cols={{ base: 4, md: 8 }} spacing="xs" aria-label={`Counters of ${config.name}`}>
      {counters.map(({ key, label, help, filter }) => {
        const value = status.counters[key];
        const body = (
          <Stack gap={0} aria-label={`${label}: ${value}`}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600} ff="monospace" className={colourOf(key, value)}>
              {value.toLocaleString()}
            </Text>
          </Stack>
        );
        return (
          <Tooltip
            key={key}
            label={filter ? `${help}. Click to show them in the log.` : help}
            withArrow
            openDelay={300}
          >
            {filter ? (
              <UnstyledButton
                className={classes.counter}
                aria-pressed={active === filter}
                onClick={() => onFilter(filter)}
              >
                {body}
              </UnstyledButton>
            ) : (
              <div className={classes.counter}>{body}</div>
            )}
          </Tooltip>
        );
      })}
    </SimpleGrid>
  );
}
