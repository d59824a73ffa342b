import { Accordion, Badge, Code, Group, List, Stack, Text } from '@mantine/core';
import type { Diagnosis } from '@shared/models/doctor';
import { FindingCard } from './FindingCard';
import { VERDICT_COLOR, VERDICT_LABEL } from './doctor-text';

/** A diagnosis: problems first, then the below-the-API suspects, what was not checked, and what passed. */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const problems = diagnosis.findings.filter((f) => f.severity !== 'ok');
  const passed = diagnosis.findings.filter((f) => f.severity === 'ok');
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge
          size="lg"
          color={VERDICT_COLOR[diagnosis.verdict]}
          aria-label={`Verdict: ${VERDICT_LABEL[diagnosis.verdict]}`}
        >
          {VERDICT_LABEL[diagnosis.verdict]}
        </Badge>
        <Text size="xs" c="dimmed">
          {diagnosis.mode === 'offline' ? 'from a snapshot' : 'live'}, {diagnosis.role} view, backend{' '}
          {diagnosis.backend}, {diagnosis.apiCalls} API calls in {diagnosis.durationMs} ms
        </Text>
      </Group>
      <Stack gap="xs" aria-label="Findings">
        {problems.map((f, i) => (
          <FindingCard key={`${f.check}-${i}`} finding={f} />
        ))}
      </Stack>
      <Accordion variant="contained" multiple>
        {diagnosis.suspects.length > 0 && (
          <Accordion.Item value="suspects">
            <Accordion.Control>
              Below the API ({diagnosis.suspects.length} things the API cannot show)
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm" aria-label="Below-the-API suspects">
                {diagnosis.suspects.map((s) => (
                  <Stack key={`${s.id}-${s.namespace ?? ''}`} gap={4}>
                    <Text size="sm" fw={600}>
                      {s.title}
                      {s.host ? ` — on host ${s.host}` : ''}
                    </Text>
                    <Code block fz="xs">
                      {s.commands.join('\n')}
                    </Code>
                  </Stack>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        )}
        {diagnosis.notChecked.length > 0 && (
          <Accordion.Item value="not-checked">
            <Accordion.Control>Not checked ({diagnosis.notChecked.length})</Accordion.Control>
            <Accordion.Panel>
              <List size="sm">
                {diagnosis.notChecked.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        )}
        {passed.length > 0 && (
          <Accordion.Item value="passed">
            <Accordion.Control>Checks that passed ({passed.length})</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                {passed.map((f, i) => (
                  <FindingCard key={`${f.check}-${i}`} finding={f} />
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        )}
      </Accordion>
    </Stack>
  );
}
