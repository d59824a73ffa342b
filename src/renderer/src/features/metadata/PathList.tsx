import { Accordion, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconDownload, IconSettings } from '@tabler/icons-react';
import type { PathResolution, ResolveRequest } from '@shared/models/metadata';
import type { TopologyModel } from '@shared/topology';
import { IdText } from '../../components/IdText';
import { anyModelName } from '../../components/model-names';
import { TraceView } from '../../components/trace/TraceView';

export interface PathListProps {
  resolutions: PathResolution[];
  /** The path documents are shown for (highlighted). */
  active: ResolveRequest | null;
  canFetch: boolean;
  onFetch: (via: ResolveRequest) => void;
  /** Opens the metadata settings: what fetching the documents needs. */
  onSettings: () => void;
  /** The cloud's topology: names in the traces. */
  model?: TopologyModel | null;
  /** Names the lookup itself found (used when the topology is not loaded). */
  names?: ReadonlyMap<string, string>;
}

const sameVia = (a: ResolveRequest | null, b: ResolveRequest) =>
  !!a && a.ip === b.ip && a.routerId === b.routerId && a.networkId === b.networkId && a.ovnNetworkId === b.ovnNetworkId;

function firstProblem(resolutions: PathResolution[]): string[] {
  const i = resolutions.findIndex((r) => !r.landsOnInstance);
  return i < 0 ? [] : [String(i)];
}

/** Where a path goes through, in words. */
function throughText(r: PathResolution): string {
  if (r.trace.request.ovnNetworkId) return `ovnmeta-${r.path.networkName ?? r.path.networkId} (OVN)`;
  return r.path.kind === 'router'
    ? `router ${r.path.routerName ?? r.path.routerId}`
    : `network ${r.path.networkName ?? r.path.networkId} (DHCP)`;
}

/**
 * What nova serves through the path; without the nova metadata URL and shared secret, an active
 * button to the settings that enable it rather than a disabled one.
 */
function FetchAction({
  canFetch,
  onFetch,
  onSettings,
}: {
  canFetch: boolean;
  onFetch: () => void;
  onSettings: () => void;
}) {
  if (canFetch)
    return (
      <Group gap="xs">
        <Button size="xs" variant="light" leftSection={<IconDownload size={16} />} onClick={onFetch}>
          Show what nova serves through this path
        </Button>
      </Group>
    );
  return (
    <Group gap="xs">
      <Button size="xs" variant="light" leftSection={<IconSettings size={16} />} onClick={onSettings}>
        Set up nova metadata to show what it serves here…
      </Button>
      <Text size="xs" c="dimmed">
        Needs the nova metadata URL and the shared secret.
      </Text>
    </Group>
  );
}

interface PathItemProps extends Omit<PathListProps, 'resolutions'> {
  resolution: PathResolution;
  value: string;
}

/** One path: does it land on the instance, why, its trace, and the documents through it. */
function PathItem({ resolution: r, value, active, canFetch, onFetch, onSettings, model = null, names }: PathItemProps) {
  const via = r.trace.request;
  const through = throughText(r);
  const nameOf = (id: string) => anyModelName(model, id) ?? names?.get(id) ?? null;
  return (
    <Accordion.Item value={value}>
      <Accordion.Control
        aria-label={`${r.path.ip} via ${through}`}
        icon={
          r.landsOnInstance ? (
            <IconCircleCheck size={18} color="var(--mantine-color-green-6)" />
          ) : (
            <IconCircleX size={18} color="var(--mantine-color-orange-6)" />
          )
        }
      >
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" ff="monospace">
            {r.path.ip}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            via <IdText text={through} />
          </Text>
          <Badge size="sm" variant="light" color={r.landsOnInstance ? 'green' : 'orange'}>
            {r.landsOnInstance ? 'lands on this instance' : 'does not land here'}
          </Badge>
          {sameVia(active, via) && (
            <Badge size="sm" variant="outline">
              documents shown
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Text size="sm" fw={500}>
            <IdText text={r.verdict} nameOf={nameOf} />
          </Text>
          <Text size="sm">
            <IdText text={r.path.why} nameOf={nameOf} />
          </Text>
          {r.path.caveat && (
            <Text size="sm" c="dimmed">
              <IdText text={r.path.caveat} nameOf={nameOf} />
            </Text>
          )}
          <TraceView trace={r.trace} model={model} names={names} />
          {r.trace.outcome.kind === 'resolved' && (
            <FetchAction canFetch={canFetch} onFetch={() => onFetch(via)} onSettings={onSettings} />
          )}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/** Every path the instance may use, whether it lands on the instance, and the trace behind it. */
export function PathList({ resolutions, active, canFetch, onFetch, onSettings, model = null, names }: PathListProps) {
  if (resolutions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No metadata path applies to this instance (see the notes above).
      </Text>
    );
  }
  return (
    // Closed when every path lands (the rows say so); otherwise the first failing one is open, to show why.
    <Accordion variant="separated" multiple defaultValue={firstProblem(resolutions)} aria-label="Metadata paths">
      {resolutions.map((r, i) => (
        <PathItem
          key={`${r.path.kind}-${r.path.ip}-${r.path.routerId ?? r.path.networkId}`}
          value={String(i)}
          resolution={r}
          active={active}
          canFetch={canFetch}
          onFetch={onFetch}
          onSettings={onSettings}
          model={model}
          names={names}
        />
      ))}
    </Accordion>
  );
}
