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
import { useForm } from '@mantine/form';
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

const interfaces: Interface[] = ['public', 'internal', 'admin'];

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

function CloudForm({ cloud, onDone }: { cloud?: CloudSummary; onDone: () => void }) {
  const save = useSaveCloud();
  const form = useForm<CloudFormValues>({
    mode: 'controlled',
    initialValues: toFormValues(cloud),
    validate: validateCloudForm,
  });
  const authType = form.values.authType;
  const shown = new Set(fieldsByAuthType[authType]);
  const text = (
    field: keyof CloudFormValues,
    label: string,
    extra: { description?: string; placeholder?: string } = {},
  ) => <TextInput label={label} {...extra} {...form.getInputProps(field)} />;

  const submit = form.onSubmit((values) => {
    save.mutate(toCloudInput(values, cloud?.id), {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', title: 'Cloud saved', message: `${saved.name} is ready to connect.` });
        onDone();
      },
    });
  });

  return (
    <form onSubmit={submit} aria-label={cloud ? `Edit cloud ${cloud.name}` : 'Add a cloud'} noValidate>
      <Stack gap="md">
        <Fieldset legend="Cloud">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('name', 'Name', { placeholder: 'prod-eu' })}
            <Select
              label="Authentication"
              allowDeselect={false}
              data={authTypes.map((value) => ({ value, label: authTypeLabels[value] }))}
              {...form.getInputProps('authType')}
              onChange={(value) => value && form.setFieldValue('authType', value as AuthType)}
            />
          </SimpleGrid>
          {text('authUrl', 'Auth URL (Keystone v3)', { placeholder: 'https://keystone.example.com:5000/v3' })}
        </Fieldset>

        <Fieldset legend="Credentials">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {shown.has('applicationCredentialId') && text('applicationCredentialId', 'Application credential ID')}
            {shown.has('applicationCredentialName') &&
              text('applicationCredentialName', 'Application credential name', { placeholder: 'only without an ID' })}
            {shown.has('username') && text('username', 'Username')}
            {shown.has('userId') && text('userId', 'User ID', { placeholder: 'instead of the username' })}
            {shown.has('userDomainName') && text('userDomainName', 'User domain name', { placeholder: 'Default' })}
            {shown.has('userDomainId') && text('userDomainId', 'User domain ID', { placeholder: 'default' })}
          </SimpleGrid>
          <PasswordInput
            mt="sm"
            label={secretLabels[authType]}
            autoComplete="new-password"
            description={
              cloud?.hasSecret
                ? 'A secret is stored in the vault. Leave empty to keep it; type a new one to replace it. A new auth URL or TLS setting (verify, CA, client cert) forgets it unless you type it again.'
                : 'Stored encrypted in the vault. Leave empty to be asked when you connect.'
            }
            {...form.getInputProps('secret')}
          />
        </Fieldset>

        {shown.has('projectName') && (
          <Fieldset legend="Scope">
            <Text size="xs" c="dimmed" mb="xs">
              A project (name + its domain, or the project ID), or a domain, or the system scope. Leave all empty for an
              unscoped token.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('projectName', 'Project name')}
              {text('projectId', 'Project ID')}
              {text('projectDomainName', 'Project domain name', { placeholder: 'Default' })}
              {text('projectDomainId', 'Project domain ID', { placeholder: 'default' })}
              {text('domainName', 'Domain name (domain scope)')}
              {text('domainId', 'Domain ID (domain scope)')}
              {text('systemScope', 'System scope', { placeholder: 'all' })}
            </SimpleGrid>
          </Fieldset>
        )}

        <Fieldset legend="Endpoints and TLS">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('regionName', 'Region', { placeholder: 'RegionOne' })}
            <Select
              label="Interface"
              allowDeselect={false}
              data={interfaces}
              {...form.getInputProps('interface')}
              onChange={(value) => value && form.setFieldValue('interface', value as Interface)}
            />
            {text('cacert', 'CA bundle (path)', { placeholder: '/etc/ssl/certs/my-ca.pem' })}
            {text('cert', 'Client certificate (path)')}
            {text('key', 'Client key (path)')}
          </SimpleGrid>
          <Switch
            mt="md"
            label="Verify TLS certificates"
            description="Turn off only for a lab with a self-signed certificate; better give its CA bundle."
            {...form.getInputProps('verify', { type: 'checkbox' })}
          />
        </Fieldset>

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
