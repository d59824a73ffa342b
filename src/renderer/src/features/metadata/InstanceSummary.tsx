import { Badge, Group, List, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconDisc } from '@tabler/icons-react';
import type { LookupPlan } from '@shared/models/metadata';
import { ShortId } from '../../components/ShortId';

/** How the address is configured: DHCP for IPv4, the IPv6 address mode (SLAAC, DHCPv6) for IPv6. */
function addressMode(f: LookupPlan['ports'][number]['fixedIps'][number]): string {
  if (f.ipVersion === 6)
    return f.ipv6AddressMode ? ` · ${f.ipv6AddressMode === 'slaac' ? 'SLAAC' : f.ipv6AddressMode.toUpperCase()}` : '';
  return f.dhcp ? ' · DHCP' : ' · no DHCP';
}

const BACKEND_LABEL = { 'ml2-ovs': 'ML2/OVS', ovn: 'ML2/OVN' } as const;

/** The cloud's networking backend: detected (with why) or set in the cloud's metadata settings. */
function BackendBadge({ backend }: { backend: NonNullable<LookupPlan['backend']> }) {
  const how =
    backend.override !== 'auto'
      ? `set in the cloud's settings (detected: ${backend.detected})`
      : backend.detected === 'mixed' || backend.detected === 'unknown'
        ? `detected: ${backend.detected}`
        : 'detected';
  return (
    <Tooltip multiline w={360} label={backend.evidence.join(' ') || 'No evidence visible.'}>
      <Badge variant="outline" color={backend.effective === 'ovn' ? 'cyan' : 'gray'} aria-label="Networking backend">
        {BACKEND_LABEL[backend.effective]} · {how}
      </Badge>
    </Tooltip>
  );
}

/** The instance's ports: network, addresses (and how they are configured), MAC, routers. */
function PortsTable({ ports }: { ports: LookupPlan['ports'] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} aria-label="Ports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Port</Table.Th>
            <Table.Th>Network</Table.Th>
            <Table.Th>Addresses</Table.Th>
            <Table.Th>MAC / link-local</Table.Th>
            <Table.Th>Routers</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ports.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <ShortId value={p.id} noun="port" size="xs" />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {p.networkName ?? <ShortId value={p.networkId} noun="network" size="xs" />}
              </Table.Td>
              <Table.Td>
                {p.fixedIps.map((f) => (
                  <Text key={f.ip} size="sm" ff="monospace">
                    {f.ip}
                    <Text span size="xs" c="dimmed">
                      {f.subnetCidr ? ` ${f.subnetCidr}` : ''}
                      {addressMode(f)}
                    </Text>
                  </Text>
                ))}
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {p.macAddress}
                {p.linkLocal && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {p.linkLocal}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.routers.length ? p.routers.map((r) => r.name ?? r.id).join(', ') : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The instance, its ports (IPs, MAC, link-local, routers) and plain notes about its metadata paths. */
export function InstanceSummary({ plan }: { plan: LookupPlan }) {
  const i = plan.instance;
  return (
    <Paper withBorder p="md" component="section" aria-label="Instance">
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Title order={4}>{i.name ?? 'Unknown instance'}</Title>
            {i.status && <Badge variant="light">{i.status}</Badge>}
            {i.configDrive && (
              <Badge color="grape" variant="light" leftSection={<IconDisc size={12} />}>
                config drive
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            {plan.backend && <BackendBadge backend={plan.backend} />}
            <Text size="xs" c="dimmed">
              {plan.apiCalls} API calls
            </Text>
          </Group>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Instance
          </Text>
          <ShortId value={i.id} name={i.name} noun="instance" />
          {i.projectId && (
            <>
              <Text size="sm" c="dimmed">
                project
              </Text>
              <ShortId value={i.projectId} name={i.projectName} noun="project" />
            </>
          )}
        </Group>
        {plan.ports.length > 0 && <PortsTable ports={plan.ports} />}
        {plan.notes.length > 0 && (
          <List size="sm" spacing={4} aria-label="Notes">
            {plan.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
