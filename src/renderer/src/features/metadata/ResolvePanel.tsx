import { useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useResolve } from '../../api';
import type { TopologyModel } from '@shared/topology';
import { EntityPicker } from '../../components/EntityPicker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TraceView } from '../../components/trace/TraceView';

/** One resolution by hand: an address and a router or network, exactly as haproxy hands them to the agent. */
export function ResolvePanel({
  cloudId,
  model,
  loading,
  onUse,
  initialVia,
}: {
  cloudId: string;
  /** The cloud's topology, for picking the router or network by name. */
  model: TopologyModel | null;
  loading?: boolean;
  /** A picker was focused: load the topology for names. */
  onUse?: () => void;
  /** The router or network to start with ("Resolve here" on a topology row). */
  initialVia?: { kind: 'router' | 'network'; id: string };
}) {
  const [ip, setIp] = useState('');
  const [kind, setKind] = useState<'router' | 'network'>(initialVia?.kind ?? 'router');
  const [id, setId] = useState(initialVia?.id ?? '');
  const resolve = useResolve();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    resolve.mutate({
      cloudId,
      ip: ip.trim(),
      ...(kind === 'router' ? { routerId: id.trim() } : { networkId: id.trim() }),
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-label="Resolve an address">
      <Stack gap="sm">
        <Title order={4}>Resolve an address</Title>
        <Text size="sm" c="dimmed">
          X-Forwarded-For plus X-Neutron-Router-ID or X-Neutron-Network-ID, resolved with the agent&apos;s rules
          (IPv4-mapped and link-local addresses included).
        </Text>
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Instance address"
              placeholder="10.0.0.10 or fe80::f816:3eff:fe12:3456"
              value={ip}
              onChange={(e) => setIp(e.currentTarget.value)}
              required
              w={260}
            />
            <SegmentedControl
              value={kind}
              onChange={(v) => setKind(v as 'router' | 'network')}
              data={[
                { value: 'router', label: 'Router' },
                { value: 'network', label: 'Network' },
              ]}
              aria-label="Path"
            />
            <EntityPicker
              key={kind}
              kind={kind}
              label={kind === 'router' ? 'Router' : 'Network'}
              model={model}
              loading={loading}
              onUse={onUse}
              value={id || null}
              onChange={(next) => setId(next ?? '')}
              required
              w={340}
            />
            <Button type="submit" leftSection={<IconRoute size={16} />} loading={resolve.isPending}>
              Resolve
            </Button>
          </Group>
        </form>
        {resolve.isError && <ErrorAlert error={resolve.error} title="The resolution could not run" />}
        {resolve.data && <TraceView trace={resolve.data} model={model} />}
      </Stack>
    </Paper>
  );
}
