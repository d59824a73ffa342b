import { ActionIcon, Burger, Group, Kbd, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconSearch,
  IconStack2,
} from '@tabler/icons-react';
import classes from './app.module.css';
import { CloudSwitcher } from './CloudSwitcher';
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

export interface AppHeaderProps {
  navbarOpened: boolean;
  onToggleNavbar: () => void;
  /** The sidebar is collapsed to its icon rail (wide windows). */
  rail: boolean;
  onToggleRail: () => void;
  onOpenPalette: () => void;
}

/** Opens the command palette; says its shortcut, so the keyboard way is discovered. */
function PaletteButton({ onOpen }: { onOpen: () => void }) {
  const mod = /Mac/i.test(navigator.platform) ? '⌘' : 'Ctrl';
  return (
    <UnstyledButton onClick={onOpen} className={classes.paletteButton} aria-label="Search and commands (Ctrl+K)">
      <Group gap={6} wrap="nowrap">
        <IconSearch size={14} aria-hidden />
        <Text size="xs" span visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
          Search, go to…
        </Text>
        <Kbd size="xs">{mod}+K</Kbd>
      </Group>
    </UnstyledButton>
  );
}

/** One row: sidebar toggle, name, history, the current cloud and project, search, session, theme. */
export function AppHeader({ navbarOpened, onToggleNavbar, rail, onToggleRail, onOpenPalette }: AppHeaderProps) {
  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="xs" wrap="nowrap">
        <Burger
          opened={navbarOpened}
          onClick={onToggleNavbar}
          hiddenFrom="sm"
          size="sm"
          aria-label="Toggle navigation"
        />
        <Tooltip label={rail ? 'Expand the sidebar' : 'Collapse the sidebar'} withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            visibleFrom="sm"
            onClick={onToggleRail}
            aria-label={rail ? 'Expand the sidebar' : 'Collapse the sidebar'}
            aria-pressed={rail}
          >
            {rail ? <IconLayoutSidebarLeftExpand size={18} /> : <IconLayoutSidebarLeftCollapse size={18} />}
          </ActionIcon>
        </Tooltip>
        <ThemeIcon variant="light" size="md" radius="md" aria-hidden>
          <IconStack2 size={18} />
        </ThemeIcon>
        <Text fw={700} size="md" component="h1" m={0}>
          StackLens
        </Text>
        <HistoryButtons />
        <CloudSwitcher />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <PaletteButton onOpen={onOpenPalette} />
        <SessionBadge />
        <ThemeToggle />
      </Group>
    </Group>
  );
}
