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

/** Path, status, type and size. */
function DocumentFacts({ doc, binary }: { doc: MetadataDocument; binary: boolean }) {
  return (
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
  );
}

type View = ReturnType<typeof viewsOf>[number];

/** The bytes as the chosen view, with the view switch. */
function DocumentBody({
  view,
  views,
  body,
  onView,
}: {
  view: View;
  views: View[];
  body: string;
  onView: (v: View) => void;
}) {
  return (
    <>
      <SegmentedControl
        size="xs"
        value={view}
        onChange={(v) => onView(v as View)}
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
  );
}

function bodyOf(doc: MetadataDocument, view: View): string {
  if (view === 'json') return doc.prettyJson as string;
  if (view === 'text') return doc.text as string;
  if (view === 'hex') return hexDump(bytesOf(doc.base64));
  return doc.base64;
}

/**
 * One document: status, type, size, and its bytes as pretty JSON, text, hex or base64. Text is
 * rendered as text only (React escapes it; nothing is ever interpreted as HTML).
 */
export function DocumentViewer({ doc, instanceId }: { doc: MetadataDocument; instanceId: string }) {
  const views = viewsOf(doc);
  const [picked, setPicked] = useState<View | null>(null);
  const view = picked && views.includes(picked) ? picked : views[0];
  const save = useSaveDocument();
  const body = bodyOf(doc, view);
  const binary = doc.text === undefined && doc.size > 0;

  return (
    <Stack gap="xs" aria-label={`Document ${doc.path}`}>
      <Group justify="space-between" wrap="nowrap">
        <DocumentFacts doc={doc} binary={binary} />
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
      {doc.size > 0 && <DocumentBody view={view} views={views} body={body} onView={setPicked} />}
      {doc.size === 0 && (
        <Text size="sm" c="dimmed">
          Empty body.
        </Text>
      )}
    </Stack>
  );
}
