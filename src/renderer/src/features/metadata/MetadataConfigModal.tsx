import { useEffect, useEffectEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import type { MetadataConfigView } from '@shared/models/metadata';
import { useSaveMetadataConfig } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { TlsFileField } from '../../components/TlsFileField';
import {
  formValuesFrom,
  isPlainHttp,
  toConfigInput,
  validateForm,
  type MetadataConfigFormValues,
} from './metadata-config-form';

export interface MetadataConfigModalProps {
  opened: boolean;
  onClose: () => void;
  cloudName: string;
  config: MetadataConfigView;
}

type Form = UseFormReturnType<MetadataConfigFormValues>;

/** Where nova-api-metadata listens, with the suggestion from the catalog. */
function NovaUrlField({ form, config }: { form: Form; config: MetadataConfigView }) {
  return (
    <>
      <TextInput
        label="nova-api-metadata URL"
        description="The agent's nova_metadata_protocol://nova_metadata_host:nova_metadata_port. It is rarely in the catalog; nova-api-metadata usually listens on port 8775 of a controller."
        placeholder={config.suggestedUrl ?? 'http://controller:8775'}
        required
        {...form.getInputProps('novaMetadataUrl')}
      />
      {config.suggestedUrl && form.values.novaMetadataUrl !== config.suggestedUrl && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => form.setFieldValue('novaMetadataUrl', config.suggestedUrl as string)}
        >
          Use {config.suggestedUrl} (the compute endpoint&apos;s host, port 8775)
        </Anchor>
      )}
    </>
  );
}

/** The shared secret: write-only, kept when left empty. */
function SecretFields({ form, config }: { form: Form; config: MetadataConfigView }) {
  return (
    <>
      <PasswordInput
        label="Shared secret"
        description={
          config.hasSecret
            ? 'A secret is stored. Leave this empty to keep it, or type a new one to replace it.'
            : 'nova.conf [neutron] metadata_proxy_shared_secret (the same as metadata_agent.ini). Stored encrypted; never shown again.'
        }
        placeholder={config.hasSecret ? 'a secret is stored' : 'metadata_proxy_shared_secret'}
        autoComplete="off"
        disabled={form.values.clearSecret}
        leftSection={<IconLock size={16} />}
        {...form.getInputProps('secret')}
      />
      {config.hasSecret && (
        <Checkbox label="Remove the stored secret" {...form.getInputProps('clearSecret', { type: 'checkbox' })} />
      )}
    </>
  );
}

const tlsFiles = [
  { kind: 'cacert', label: 'CA certificate file' },
  { kind: 'cert', label: 'Client certificate file' },
  { kind: 'key', label: 'Client key file' },
] as const;

/** TLS towards nova, as the agent's nova_metadata_* options; files are picked in main's dialog. */
function TlsFields({ form }: { form: Form }) {
  return (
    <>
      <Switch
        label="Verify nova's TLS certificate"
        description="Off is the agent's nova_metadata_insecure = true: lab clouds only."
        {...form.getInputProps('verify', { type: 'checkbox' })}
      />
      <Text size="xs" c="dimmed">
        PEM files chosen in a file dialog (agent: auth_ca_cert, nova_client_cert, nova_client_priv_key).
      </Text>
      {tlsFiles.map(({ kind, label }) => (
        <div key={kind}>
          <TlsFileField
            kind={kind}
            label={label}
            value={form.values[kind]}
            onChange={(v) => form.setFieldValue(kind, v)}
          />
          {form.errors[kind] && (
            <Text size="xs" c="red">
              {form.errors[kind]}
            </Text>
          )}
        </div>
      ))}
    </>
  );
}

/** Timeout, lookup cache and the networking backend. */
function BehaviourFields({ form }: { form: Form }) {
  return (
    <>
      <Group grow>
        <NumberInput
          label="Timeout (seconds)"
          description="The agent waits 60 s."
          min={1}
          max={600}
          {...form.getInputProps('timeoutSeconds')}
        />
        <NumberInput
          label="Lookup cache TTL (seconds)"
          description="0 = off, as the agent since 2025.1. Older agents cached about 5-10 s."
          min={0}
          max={60}
          {...form.getInputProps('cacheTtlSeconds')}
        />
      </Group>
      <Select
        label="Networking backend"
        description="Which metadata path this cloud uses. Automatic looks at the agents, the network:distributed ports and the API extensions."
        data={[
          { value: 'auto', label: 'Automatic (detected)' },
          { value: 'ml2-ovs', label: 'ML2/OVS (router and DHCP namespaces)' },
          { value: 'ovn', label: 'ML2/OVN (ovnmeta- namespaces, OVN metadata agent)' },
        ]}
        allowDeselect={false}
        {...form.getInputProps('backend')}
      />
    </>
  );
}

/** Where nova-api-metadata is and the shared secret (write-only: only "a secret is stored" comes back). */
export function MetadataConfigModal({ opened, onClose, cloudName, config }: MetadataConfigModalProps) {
  const save = useSaveMetadataConfig();
  const form = useForm<MetadataConfigFormValues>({ initialValues: formValuesFrom(config), validate: validateForm });
  // Fresh values each time the dialog opens (or shows another cloud), not on every refetch.
  const resetForm = useEffectEvent(() => {
    form.setValues(formValuesFrom(config));
    save.reset();
  });
  useEffect(() => {
    if (opened) resetForm();
  }, [opened, config.cloudId]);

  const submit = form.onSubmit((values) =>
    save.mutate(toConfigInput(config.cloudId, values), {
      onSuccess: () => {
        form.setFieldValue('secret', ''); // never keep the typed secret around
        onClose();
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title={`Metadata settings of ${cloudName}`} size="lg">
      <form onSubmit={submit} aria-label="Metadata settings">
        <Stack gap="sm">
          <NovaUrlField form={form} config={config} />
          <SecretFields form={form} config={config} />
          <TlsFields form={form} />
          <BehaviourFields form={form} />
          {isPlainHttp(form.values.novaMetadataUrl) && (
            <Alert color="yellow" variant="light" title="nova-api-metadata over plain http">
              <Text size="sm">
                The signed requests and the metadata documents (user data, keys) cross the network unencrypted. Use
                https:// where nova offers it; labs often use http and you may save anyway.
              </Text>
            </Alert>
          )}
          {!form.values.verify && (
            <Alert color="orange" variant="light">
              <Text size="sm">
                Without verification, anyone on the path to nova can read the metadata and see the signed requests.
              </Text>
            </Alert>
          )}
          {save.isError && <ErrorAlert error={save.error} title="The settings were not saved" />}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
