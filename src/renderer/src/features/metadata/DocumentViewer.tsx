import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconDeviceFloppy } from '@tabler/icons-react';
import type { MetadataDocument } from '@shared/models/metadata';
import { useSaveDocument } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { bytesOf, fileNameFor, formatBytes, hexDump, viewsOf } from './document-view';
import { statusColor } from './metadata-text';

const viewLabels = { json: 'Pretty JSON', text: 'Text', hex: 'Hex', base64: 'Base64' } as const;

/**
 * One document: status, type, size, and its bytes as pretty JSON, text, hex or base64. Text is
 * rendered as text only (React escapes it; nothing is ever interpreted as HTML).
 */
export function DocumentViewer({ doc, instanceId }: { doc: MetadataDocument; instanceId: string }) {
  const views = viewsOf(doc);
  const [picked, setPicked] = useState<(typeof views)[number] | null>(null);
  const view = picked && views.includes(picked) ? picked : views[0];
  const save = useSaveDocument();
  const body =
    view === 'json'
      ? (doc.prettyJson as string)
      : view === 'text'
        ? (doc.text as string)
        : view === 'hex'
          ? hexDump(bytesOf(doc.base64))
          : doc.base64;
  const binary = doc.text === undefined && doc.size > 0;

  return (
    <Stack gap="xs" aria-label={`Document ${doc.path}`}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" ff="monospace" fw={600}>
            {doc.path}
          </Text>
          <Badge color={statusColor(doc.status)} variant="light">
            {doc.status}
          </Badge>
          {doc.contentType && (
            <Text size="xs" c="dimmed">
              {doc.contentType}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {formatBytes(doc.size)}
            {binary ? ' · binary' : ''}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <CopyButton value={body}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : `Copy (${viewLabels[view]})`}>
                <ActionIcon variant="subtle" onClick={copy} aria-label="Copy document">
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            onClick={() => save.mutate({ suggestedName: fileNameFor(doc, instanceId), base64: doc.base64 })}
          >
            Save bytes…
          </Button>
        </Group>
      </Group>
      {doc.note && (
        <Text size="sm" c="dimmed">
          {doc.note}
        </Text>
      )}
      {save.isError && (
        <ErrorAlert error={save.error} title="The document could not be saved" onClose={() => save.reset()} />
      )}
      {save.data && (
        <Text size="xs" c="dimmed">
          Saved {formatBytes(save.data.bytes)} to {save.data.path}
        </Text>
      )}
      {doc.size > 0 && (
        <>
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setPicked(v as typeof view)}
            data={views.map((v) => ({ value: v, label: viewLabels[v] }))}
            aria-label="Show the document as"
            w="fit-content"
          />
          <ScrollArea.Autosize mah={480} type="auto">
            <Code
              block
              style={{
                whiteSpace: view === 'base64' ? 'pre-wrap' : 'pre',
                wordBreak: view === 'base64' ? 'break-all' : 'normal',
              }}
              aria-label="Document content"
            >
              {body}
            </Code>
          </ScrollArea.Autosize>
        </>
      )}
      {doc.size === 0 && (
        <Text size="sm" c="dimmed">
          Empty body.
        </Text>
      )}
    </Stack>
  );
}
