import { Button, Group, Input, Text } from '@mantine/core';
import { IconFileCertificate, IconX } from '@tabler/icons-react';
import type { TlsFileChoice, TlsFileKind } from '@shared/models/cloud';
import { useChooseTlsFile } from '../api';
import { ErrorAlert } from './ErrorAlert';

/**
 * A TLS file in a form: the path shown, and what changed. `choice` is absent while the stored
 * file is kept, a pick after main's dialog chose a file, null after "Remove".
 */
export interface TlsFileValue {
  path: string;
  choice?: TlsFileChoice;
}

export interface TlsFileFieldProps {
  kind: TlsFileKind;
  label: string;
  value: TlsFileValue;
  onChange: (value: TlsFileValue) => void;
}

/**
 * A CA bundle / client certificate / key (cloud form, metadata settings): the file is chosen in main's native
 * dialog (main reads and checks it), never typed here, so the window cannot name a path for main.
 */
export function TlsFileField({ kind, label, value, onChange }: TlsFileFieldProps) {
  const choose = useChooseTlsFile();
  const pick = () =>
    choose.mutate(kind, { onSuccess: (chosen) => chosen && onChange({ path: chosen.path, choice: chosen }) });
  return (
    <Input.Wrapper label={label} labelElement="div">
      <Group gap="xs" wrap="nowrap" role="group" aria-label={label}>
        <Text
          size="sm"
          ff="monospace"
          c={value.path ? undefined : 'dimmed'}
          style={{ flex: 1, overflowWrap: 'anywhere' }}
        >
          {value.path || 'none'}
        </Text>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFileCertificate size={16} />}
          loading={choose.isPending}
          onClick={pick}
        >
          Choose…
        </Button>
        {value.path && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconX size={16} />}
            aria-label={`Remove the ${label.toLowerCase()}`}
            onClick={() => onChange({ path: '', choice: null })}
          >
            Remove
          </Button>
        )}
      </Group>
      {choose.isError && <ErrorAlert error={choose.error} title={`The ${label.toLowerCase()} was not used`} />}
    </Input.Wrapper>
  );
}
