import {
  Button,
  Fieldset,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { authTypes, type AuthType, type CloudSummary, type Interface } from '@shared/models/cloud';
import { useSaveCloud } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import {
  authTypeLabels,
  fieldsByAuthType,
  secretLabels,
  toCloudInput,
  toFormValues,
  validateCloudForm,
  type CloudFormValues,
} from './cloud-form';
import { TlsFileField } from '../../components/TlsFileField';

const interfaces: Interface[] = ['public', 'internal', 'admin'];

type Form = UseFormReturnType<CloudFormValues>;
type TextProps = { description?: string; placeholder?: string };

export interface CloudFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The cloud to edit; absent to add one. */
  cloud?: CloudSummary;
}

/** Add or edit a cloud. Every CloudInput field; the secret is write-only and never pre-filled. */
export function CloudFormModal({ opened, onClose, cloud }: CloudFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={cloud ? `Edit ${cloud.name}` : 'Add a cloud'}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {/* Mounted only while open, so each opening starts from the stored values. */}
      {opened && <CloudForm cloud={cloud} onDone={onClose} />}
    </Modal>
  );
}

function text(form: Form, field: keyof CloudFormValues, label: string, extra: TextProps = {}) {
  return <TextInput label={label} {...extra} {...form.getInputProps(field)} />;
}

function CloudForm({ cloud, onDone }: { cloud?: CloudSummary; onDone: () => void }) {
  const save = useSaveCloud();
  const form = useForm<CloudFormValues>({
    mode: 'controlled',
    initialValues: toFormValues(cloud),
    validate: validateCloudForm,
  });
  const submit = form.onSubmit((values) => {
    save.mutate(toCloudInput(values, cloud?.id), {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', title: 'Cloud saved', message: `${saved.name} is ready to connect.` });
        onDone();
      },
    });
  });
  const shown = new Set(fieldsByAuthType[form.values.authType]);

  return (
    <form onSubmit={submit} aria-label={cloud ? `Edit cloud ${cloud.name}` : 'Add a cloud'} noValidate>
      <Stack gap="md">
        <CloudSection form={form} />
        <CredentialsSection form={form} shown={shown} hasSecret={cloud?.hasSecret ?? false} />
        {shown.has('projectName') && <ScopeSection form={form} />}
        <EndpointSection form={form} />
        {save.isError && <ErrorAlert error={save.error} title="The cloud was not saved" />}
        <ModalActions onCancel={onDone}>
          <Button type="submit" loading={save.isPending}>
            {cloud ? 'Save changes' : 'Add cloud'}
          </Button>
        </ModalActions>
      </Stack>
    </form>
  );
}

function CloudSection({ form }: { form: Form }) {
  return (
    <Fieldset legend="Cloud">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text(form, 'name', 'Name', { placeholder: 'prod-eu' })}
        <Select
          label="Authentication"
          allowDeselect={false}
          data={authTypes.map((value) => ({ value, label: authTypeLabels[value] }))}
          {...form.getInputProps('authType')}
          onChange={(value) => value && form.setFieldValue('authType', value as AuthType)}
        />
      </SimpleGrid>
      {text(form, 'authUrl', 'Auth URL (Keystone v3)', { placeholder: 'https://keystone.example.com:5000/v3' })}
    </Fieldset>
  );
}

function CredentialsSection({ form, shown, hasSecret }: { form: Form; shown: Set<string>; hasSecret: boolean }) {
  const field = (name: keyof CloudFormValues, label: string, extra?: TextProps) =>
    shown.has(name) && text(form, name, label, extra);
  return (
    <Fieldset legend="Credentials">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {field('applicationCredentialId', 'Application credential ID')}
        {field('applicationCredentialName', 'Application credential name', { placeholder: 'only without an ID' })}
        {field('username', 'Username')}
        {field('userId', 'User ID', { placeholder: 'instead of the username' })}
        {field('userDomainName', 'User domain name', { placeholder: 'Default' })}
        {field('userDomainId', 'User domain ID', { placeholder: 'default' })}
      </SimpleGrid>
      <PasswordInput
        mt="sm"
        label={secretLabels[form.values.authType]}
        autoComplete="new-password"
        description={
          hasSecret
            ? 'A secret is stored in the vault. Leave empty to keep it; type a new one to replace it. A new auth URL or TLS setting (verify, CA, client cert) forgets it unless you type it again.'
            : 'Stored encrypted in the vault. Leave empty to be asked when you connect.'
        }
        {...form.getInputProps('secret')}
      />
    </Fieldset>
  );
}

function ScopeSection({ form }: { form: Form }) {
  return (
    <Fieldset legend="Scope">
      <Text size="xs" c="dimmed" mb="xs">
        A project (name + its domain, or the project ID), or a domain, or the system scope. Leave all empty for an
        unscoped token.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text(form, 'projectName', 'Project name')}
        {text(form, 'projectId', 'Project ID')}
        {text(form, 'projectDomainName', 'Project domain name', { placeholder: 'Default' })}
        {text(form, 'projectDomainId', 'Project domain ID', { placeholder: 'default' })}
        {text(form, 'domainName', 'Domain name (domain scope)')}
        {text(form, 'domainId', 'Domain ID (domain scope)')}
        {text(form, 'systemScope', 'System scope', { placeholder: 'all' })}
      </SimpleGrid>
    </Fieldset>
  );
}

function EndpointSection({ form }: { form: Form }) {
  const tls = (kind: 'cacert' | 'cert' | 'key', label: string) => (
    <TlsFileField kind={kind} label={label} value={form.values[kind]} onChange={(v) => form.setFieldValue(kind, v)} />
  );
  return (
    <Fieldset legend="Endpoints and TLS">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text(form, 'regionName', 'Region', { placeholder: 'RegionOne' })}
        <Select
          label="Interface"
          allowDeselect={false}
          data={interfaces}
          {...form.getInputProps('interface')}
          onChange={(value) => value && form.setFieldValue('interface', value as Interface)}
        />
      </SimpleGrid>
      <Stack gap="xs" mt="sm">
        {tls('cacert', 'CA bundle')}
        {tls('cert', 'Client certificate')}
        {tls('key', 'Client key')}
      </Stack>
      <Switch
        mt="md"
        label="Verify TLS certificates"
        description="Turn off only for a lab with a self-signed certificate; better give its CA bundle."
        {...form.getInputProps('verify', { type: 'checkbox' })}
      />
    </Fieldset>
  );
}
