import { ActionIcon, Burger, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconStack2 } from '@tabler/icons-react';
import { useNavigation } from './navigation';
import { SessionBadge } from './SessionBadge';
import { ThemeToggle } from './ThemeToggle';

/** Back and Forward over the pages visited (also Alt+Left / Alt+Right and the mouse buttons). */
function HistoryButtons() {
  const { back, forward, canGoBack, canGoForward } = useNavigation();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label="Back (Alt+Left)">
        <ActionIcon variant="subtle" aria-label="Back" onClick={back} disabled={!canGoBack}>
          <IconArrowLeft size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Forward (Alt+Right)">
        <ActionIcon variant="subtle" aria-label="Forward" onClick={forward} disabled={!canGoForward}>
          <IconArrowRight size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

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
        <HistoryButtons />
      </Group>
      <Group gap="md" wrap="nowrap">
        <SessionBadge />
        <ThemeToggle />
      </Group>
    </Group>
  );
}
