import { useState } from 'react';
import { Button, Checkbox, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import type { CloudSummary } from '@shared/models/cloud';
import type { useConnect } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';

export interface PasswordPromptModalProps {
  cloud: CloudSummary;
  opened: boolean;
  onClose: () => void;
  /** The cloud card's connect mutation, so the card and the navbar see this attempt's outcome. */
  connect: ReturnType<typeof useConnect>;
  /** A secret is stored (and was refused): the typed one replaces it when remembered. */
  replacing?: boolean;
}

/**
 * Asked when connect answers PASSWORD_REQUIRED. The typed secret goes to main once; with
 * "remember" main stores it encrypted in the vault. A wrong one keeps the dialog open with the error.
 */
export function PasswordPromptModal({ cloud, opened, onClose, connect, replacing }: PasswordPromptModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Connect to ${cloud.name}`}
      size="md"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {opened && <PasswordPrompt cloud={cloud} onClose={onClose} connect={connect} replacing={replacing} />}
    </Modal>
  );
}

function PasswordPrompt({ cloud, onClose, connect, replacing }: Omit<PasswordPromptModalProps, 'opened'>) {
  const [secret, setSecret] = useState('');
  // Replacing a refused stored secret: keep the new one by default, or the old keeps failing.
  const [remember, setRemember] = useState(Boolean(replacing));
  const [submitted, setSubmitted] = useState(false);
  const who = cloud.username
    ? `${cloud.username}${cloud.userDomainName ? ` (domain ${cloud.userDomainName})` : ''}`
    : undefined;

  return (
    <form
      aria-label={`${cloud.secretLabel} for ${cloud.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        connect.mutate({ password: secret, remember }, { onSuccess: onClose });
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {replacing
            ? `Enter the new ${cloud.secretLabel.toLowerCase()} of ${cloud.name}; remembered, it replaces the stored one.`
            : `${cloud.name} has no ${cloud.secretLabel.toLowerCase()} stored.`}
          {who && <> Signing in as {who}</>}
          {cloud.projectName && <> to project {cloud.projectName}</>} at {cloud.authUrl}.
        </Text>
        <PasswordInput
          label={cloud.secretLabel}
          required
          autoFocus
          autoComplete="current-password"
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
        />
        <Checkbox
          label="Remember in the vault"
          description="Encrypted with the system keyring; otherwise you are asked again next time."
          checked={remember}
          onChange={(event) => setRemember(event.currentTarget.checked)}
        />
        {/* Only this dialog's own attempts: the PASSWORD_REQUIRED that opened it is not news. */}
        {submitted && connect.isError && <ErrorAlert error={connect.error} />}
        <ModalActions onCancel={onClose}>
          <Button type="submit" loading={connect.isPending} disabled={secret === ''}>
            Connect
          </Button>
        </ModalActions>
      </Stack>
    </form>
  );
}
