import { Burger, Group, Text, ThemeIcon } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { SessionBadge } from './SessionBadge';
import { ThemeToggle } from './ThemeToggle';

/** The app bar: name, the active session, the theme toggle. */
export function AppHeader({ navbarOpened, onToggleNavbar }: { navbarOpened: boolean; onToggleNavbar: () => void }) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navbarOpened}
          onClick={onToggleNavbar}
          hiddenFrom="sm"
          size="sm"
          aria-label="Toggle navigation"
        />
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          <IconStack2 size={20} />
        </ThemeIcon>
        <Text fw={700} size="lg" component="h1" m={0}>
          StackLens
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap">
        <SessionBadge />
        <ThemeToggle />
      </Group>
    </Group>
  );
}
