import { useEffect, useEffectEvent, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import {
  proxyBackends,
  proxyModes,
  type ListenerConfig,
  type ProxyBackendKind,
  type ProxyMode,
} from '@shared/models/proxy';
import { useClouds, useNetworkBackend, useSaveListener } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import type { ListenerPrefill } from '../../app/routes';
import { InstanceSection, ScopeSection } from './ListenerTargetFields';
import { useCloudModel } from './use-cloud-model';
import {
  backendLabels,
  detectedListenerBackend,
  isLoopbackHost,
  modeDescriptions,
  ovnModeDescriptions,
  withBackend,
  modeLabels,
  prefillValues,
  toFormValues,
  toListenerInput,
  validateListenerForm,
  type ListenerFormValues,
} from './listener-form';

type Form = UseFormReturnType<ListenerFormValues>;

export interface ListenerFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The listener to edit; absent to create one. */
  listener?: ListenerConfig;
  defaultCloudId?: string | null;
  /** A new listener asked for by another page (a topology row action). */
  prefill?: ListenerPrefill;
}

/** Create or edit a listener. Safe defaults: loopback, a free port, rate limiting as neutron ships it (off). */
export function ListenerFormModal({ opened, onClose, listener, defaultCloudId, prefill }: ListenerFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={listener ? `Edit ${listener.name}` : 'New proxy listener'}
    >
      {opened && (
        <ListenerForm
          listener={listener}
          prefill={listener ? undefined : prefill}
          defaultCloudId={defaultCloudId ?? undefined}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

interface ListenerFormProps {
  listener?: ListenerConfig;
  prefill?: ListenerPrefill;
  defaultCloudId?: string;
  onDone: () => void;
}

function useListenerForm({ listener, prefill, defaultCloudId }: ListenerFormProps) {
  const clouds = useClouds();
  const form = useForm<ListenerFormValues>({
    mode: 'controlled',
    initialValues: prefill
      ? prefillValues(prefill)
      : toFormValues(listener, { cloudId: defaultCloudId ?? clouds.data?.[0]?.id }),
    validate: validateListenerForm,
  });
  // The clouds may arrive after the form opened: preselect the first one then.
  const firstCloudId = clouds.data?.[0]?.id;
  const preselectCloud = useEffectEvent((cloudId: string) => {
    if (!form.values.cloudId) form.setFieldValue('cloudId', cloudId);
  });
  useEffect(() => {
    if (firstCloudId) preselectCloud(firstCloudId);
  }, [firstCloudId]);
  // Names are loaded at once when the form shows ids (an edit, a prefill); else on first use.
  const [namesWanted, setNamesWanted] = useState(Boolean(listener || prefill));
  const names = { ...useCloudModel(form.values.cloudId || null, namesWanted), want: () => setNamesWanted(true) };
  return { form, clouds, names };
}

function ListenerForm(props: ListenerFormProps) {
  const { listener, onDone } = props;
  const { form, clouds, names } = useListenerForm(props);
  const save = useSaveListener();
  const values = form.values;
  const needsScope = values.mode === 'namespace' || (values.mode === 'instance' && values.instanceKind === 'address');

  const submit = form.onSubmit((v) => {
    save.mutate(toListenerInput(v, listener?.id), {
      onSuccess: (saved) => {
        notifications.show({
          color: 'green',
          title: 'Listener saved',
          message: `${saved.config.name} is ${saved.status.state === 'running' ? 'running with the new settings' : 'ready to start'}.`,
        });
        onDone();
      },
    });
  });

  return (
    <form onSubmit={submit} aria-label={listener ? `Edit listener ${listener.name}` : 'New proxy listener'} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" placeholder="lab-cloud-init" {...form.getInputProps('name')} />
          <Select
            label="Cloud"
            description="Its Neutron resolves ports, its nova metadata answers"
            placeholder={clouds.isPending ? 'Loading clouds…' : 'Pick a cloud'}
            data={(clouds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            allowDeselect={false}
            {...form.getInputProps('cloudId')}
            onChange={(value) => form.setFieldValue('cloudId', value ?? '')}
          />
        </SimpleGrid>

        <Stack gap={4}>
          <BackendField form={form} cloudId={values.cloudId} isNew={!listener} />
          <ModeField form={form} />
        </Stack>
        <ListenSection form={form} />
        {values.mode === 'instance' && <InstanceSection form={form} names={names} />}
        {needsScope && <ScopeSection form={form} names={names} />}
        <BehaviourSection form={form} />

        {save.error && <ErrorAlert error={save.error} title="The listener was not saved" onClose={save.reset} />}
        <ModalActions onCancel={onDone}>
          <Button type="submit" loading={save.isPending}>
            {listener ? 'Save' : 'Create listener'}
          </Button>
        </ModalActions>
      </Stack>
    </form>
  );
}

/** The mode and what it means for the chosen backend. */
function ModeField({ form }: { form: Form }) {
  const { values } = form;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="listener-mode-label">
        Mode
      </Text>
      <SegmentedControl
        aria-labelledby="listener-mode-label"
        data={proxyModes.map((m) => ({ value: m, label: modeLabels[m] }))}
        value={values.mode}
        onChange={(m) => form.setFieldValue('mode', m as ProxyMode)}
      />
      <Text size="xs" c="dimmed">
        {(values.backend === 'ovn' && ovnModeDescriptions[values.mode]) || modeDescriptions[values.mode]}
      </Text>
    </Stack>
  );
}

/** Where it listens: TCP address and port, or a unix socket; a warning when exposed. */
function ListenSection({ form }: { form: Form }) {
  const values = form.values;
  const socket = values.mode === 'agent' && values.useSocket;
  const exposed = !socket && !isLoopbackHost(values.host);
  return (
    <Fieldset legend="Where it listens">
      {values.mode === 'agent' && (
        <Switch
          mb="sm"
          label="Serve a unix socket (point a real haproxy at it)"
          {...form.getInputProps('useSocket', { type: 'checkbox' })}
        />
      )}
      {socket ? (
        <TextInput
          label="Socket path"
          placeholder="/tmp/stacklens-metadata.sock"
          description="Created owner-only (0600)"
          {...form.getInputProps('socketPath')}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Address" description="127.0.0.1 keeps it on this machine" {...form.getInputProps('host')} />
          <TextInput
            label="Port"
            placeholder="blank = a free port"
            description="Chosen when it starts if blank"
            {...form.getInputProps('port')}
          />
        </SimpleGrid>
      )}
      {!socket && (
        <Checkbox
          mt="sm"
          label="Allow non-loopback address"
          {...form.getInputProps('allowNonLoopback', { type: 'checkbox' })}
        />
      )}
      {exposed && (
        <Alert
          mt="sm"
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Anyone who can reach this address gets metadata"
        >
          A proxy on {values.host || '127.0.0.1'} answers every caller with instance metadata: user data, SSH keys,
          admin passwords. Keep it on 127.0.0.1 unless that is what you want.
        </Alert>
      )}
    </Fieldset>
  );
}

/** Cache, rate limits and server limits. */
function BehaviourSection({ form }: { form: Form }) {
  const values = form.values;
  const [advanced, advancedToggle] = useDisclosure(false);
  return (
    <Fieldset legend="Behaviour">
      <Switch
        label="Cache port lookups for 10 s (and re-resolve once when nova answers 404)"
        {...form.getInputProps('useCache', { type: 'checkbox' })}
      />
      <Switch
        mt="sm"
        label="Rate-limit per source address (neutron's [metadata_rate_limiting])"
        {...form.getInputProps('rateLimitEnabled', { type: 'checkbox' })}
      />
      <Collapse expanded={values.rateLimitEnabled}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="sm">
          <NumberInput label="Base window (s)" min={1} max={3600} {...form.getInputProps('baseWindowSeconds')} />
          <NumberInput label="Base limit" min={1} {...form.getInputProps('baseLimit')} />
          <NumberInput label="Burst window (s)" min={1} max={3600} {...form.getInputProps('burstWindowSeconds')} />
          <NumberInput label="Burst limit" min={1} {...form.getInputProps('burstLimit')} />
        </SimpleGrid>
      </Collapse>
      <Button
        mt="sm"
        variant="subtle"
        size="compact-sm"
        leftSection={advanced ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        onClick={advancedToggle.toggle}
        aria-expanded={advanced}
      >
        Limits
      </Button>
      <Collapse expanded={advanced}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
          <NumberInput label="Max body (KiB)" min={0} max={16384} {...form.getInputProps('maxBodyKiB')} />
          <NumberInput
            label="Headers timeout (s)"
            min={0.1}
            max={120}
            decimalScale={1}
            {...form.getInputProps('headersTimeoutSeconds')}
          />
          <NumberInput
            label="Request timeout (s)"
            min={0.1}
            max={300}
            decimalScale={1}
            {...form.getInputProps('requestTimeoutSeconds')}
          />
          <NumberInput
            label="Neutron + nova timeout (s)"
            min={0.1}
            max={300}
            decimalScale={1}
            {...form.getInputProps('upstreamTimeoutSeconds')}
          />
        </SimpleGrid>
      </Collapse>
    </Fieldset>
  );
}

/**
 * ML2/OVS or OVN: which agent's contract the listener speaks. A new listener starts on the backend
 * StackLens detects on the cloud (or the one set in its metadata settings); the badge says which.
 */
function BackendField({ form, cloudId, isNew }: { form: Form; cloudId: string; isNew: boolean }) {
  const info = useNetworkBackend(cloudId || null);
  const detected = detectedListenerBackend(info.data);
  const preselect = useEffectEvent((backend: ProxyBackendKind) => {
    if (isNew && !form.isTouched('backend')) form.setValues(withBackend(backend));
  });
  useEffect(() => {
    if (detected) preselect(detected);
  }, [detected, cloudId]);
  const badge = info.isPending
    ? 'detecting…'
    : info.isError
      ? 'not detected (connect the cloud)'
      : info.data?.override !== 'auto'
        ? `${detected ? backendLabels[detected] : '?'} (set in the cloud's metadata settings)`
        : info.data.detected === 'mixed' || info.data.detected === 'unknown'
          ? `detected: ${info.data.detected}`
          : `detected: ${detected ? backendLabels[detected] : '?'}`;
  return (
    <Group gap="sm" align="center">
      <Text size="sm" fw={500} id="listener-backend-label">
        Network backend
      </Text>
      <SegmentedControl
        size="xs"
        aria-labelledby="listener-backend-label"
        data={proxyBackends.map((b) => ({ value: b, label: backendLabels[b] }))}
        value={form.values.backend}
        onChange={(b) => {
          form.setTouched({ backend: true });
          form.setValues(withBackend(b as ProxyBackendKind));
        }}
      />
      <Tooltip multiline w={360} label={info.data?.evidence.join(' ') || 'No evidence yet.'}>
        <Badge variant="outline" color={detected === 'ovn' ? 'cyan' : 'gray'} tt="none" aria-label="Detected backend">
          {badge}
        </Badge>
      </Tooltip>
    </Group>
  );
}
