import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useApiEvents } from '../api';
import { CommandPalette } from '../features/palette/CommandPalette';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { useNavigation } from './navigation';
import { findPage, pages } from './pages';
import { useHistoryKeys } from './use-history-keys';

/** Header + navbar + the current page. Also where main -> renderer events are subscribed. */
export function AppLayout() {
  useApiEvents();
  useHistoryKeys();
  const [navbarOpened, { toggle }] = useDisclosure();
  const { route } = useNavigation();
  const page = findPage(route.page);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <AppHeader navbarOpened={navbarOpened} onToggleNavbar={toggle} />
      </AppShell.Header>
      <AppShell.Navbar aria-label="Navigation">
        <AppNavbar />
      </AppShell.Navbar>
      <AppShell.Main aria-label={page.label}>
        <page.component />
      </AppShell.Main>
      <CommandPalette pages={pages} />
    </AppShell>
  );
}
