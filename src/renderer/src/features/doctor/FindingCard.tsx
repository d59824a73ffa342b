import { ActionIcon, Badge, Code, CopyButton, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { Finding } from '@shared/models/doctor';
import { IdText, UnbrokenIds } from '../../components/IdText';
import { SEVERITY_COLOR } from './doctor-text';

function fieldsText(fields: Finding['evidence'][number]['fields']): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`)
    .join('  ');
}

/** One finding: severity, what was checked, the evidence, what the instance sees and the fix. */
export function FindingCard({ finding }: { finding: Finding }) {
  return (
    <Paper withBorder p="sm" component="article" aria-label={`${finding.severity}: ${finding.title}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Badge color={SEVERITY_COLOR[finding.severity]} variant="filled" size="sm" miw={78} style={{ flexShrink: 0 }}>
            {finding.severity}
          </Badge>
          <Text size="sm" fw={600}>
            <IdText text={finding.title} />
          </Text>
          {finding.notChecked && (
            <Badge variant="outline" color="gray" size="xs" tt="none" style={{ flexShrink: 0 }}>
              not checked: {finding.notChecked}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          <IdText text={finding.checked} />
        </Text>
        {finding.evidence.map((e, i) => (
          <Code key={i} block fz="xs">
            {`${e.call}\n${fieldsText(e.fields)}`}
          </Code>
        ))}
        {finding.instanceSees && (
          <Text size="sm">
            <b>The instance sees:</b> <IdText text={finding.instanceSees} />
          </Text>
        )}
        {finding.fix && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={600}>
              Fix:
            </Text>
            <Code fz="xs" style={{ whiteSpace: 'pre-wrap', flex: 1 }} aria-label="Fix command">
              <UnbrokenIds text={finding.fix} />
            </Code>
            <CopyButton value={finding.fix}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the fix'}>
                  <ActionIcon variant="subtle" onClick={copy} aria-label="Copy the fix">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
