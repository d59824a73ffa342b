import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconRefresh, IconStethoscope } from '@tabler/icons-react';
import { SYMPTOMS, type Symptom } from '@shared/models/doctor';
import { useDiagnosis } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { DiagnosisView } from './DiagnosisView';
import { SYMPTOM_LABEL } from './doctor-text';

/** The diagnosis at the top of an instance's metadata page: what is broken, with evidence and fix. */
export function DiagnosisPanel({ cloudId, instanceId }: { cloudId: string; instanceId: string }) {
  const [symptom, setSymptom] = useState<Symptom | null>(null);
  const diagnosis = useDiagnosis(cloudId, instanceId, symptom);
  return (
    <Paper withBorder p="md" component="section" aria-label="Diagnosis">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Group gap="xs">
            <IconStethoscope size={20} />
            <Title order={4}>Why can&apos;t this instance get its metadata?</Title>
          </Group>
          <Group gap="xs" align="flex-end">
            <Select
              label="What does the instance see?"
              placeholder="not known"
              clearable
              data={SYMPTOMS.map((s) => ({ value: s, label: SYMPTOM_LABEL[s] }))}
              value={symptom}
              onChange={(v) => setSymptom(v as Symptom | null)}
              w={220}
              size="xs"
            />
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} />}
              loading={diagnosis.isFetching}
              onClick={() => void diagnosis.refetch()}
            >
              Diagnose again
            </Button>
          </Group>
        </Group>
        {diagnosis.isPending && diagnosis.isFetching && (
          <LoadingState label="Checking paths, agents, port, security groups and nova…" />
        )}
        {diagnosis.isError && (
          <ErrorAlert error={diagnosis.error} title="The diagnosis failed" onRetry={() => diagnosis.refetch()} />
        )}
        {diagnosis.data && <DiagnosisView diagnosis={diagnosis.data} />}
        {!diagnosis.data && !diagnosis.isFetching && !diagnosis.isError && (
          <Text size="sm" c="dimmed">
            No diagnosis yet.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
