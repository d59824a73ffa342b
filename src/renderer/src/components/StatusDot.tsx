import { Box, Tooltip } from '@mantine/core';

export type ConnectionState = 'connected' | 'disconnected' | 'error' | 'connecting';

const colors: Record<ConnectionState, string> = {
  connected: 'var(--mantine-color-green-6)',
  disconnected: 'var(--mantine-color-gray-5)',
  error: 'var(--mantine-color-red-6)',
  connecting: 'var(--mantine-color-yellow-5)',
};

export const connectionLabels: Record<ConnectionState, string> = {
  connected: 'Connected',
  disconnected: 'Not connected',
  error: 'Connection failed',
  connecting: 'Connecting',
};

/** A coloured dot with an accessible name ("Connected", "Connection failed", ...). */
export function StatusDot({ state, size = 10 }: { state: ConnectionState; size?: number }) {
  return (
    <Tooltip label={connectionLabels[state]} withArrow openDelay={300}>
      <Box
        role="img"
        aria-label={connectionLabels[state]}
        style={{ width: size, height: size, borderRadius: '50%', background: colors[state], flex: 'none' }}
      />
    </Tooltip>
  );
}
