import { AppShell } from '@mantine/core';
import { useDisclosure, useHotkeys, useLocalStorage } from '@mantine/hooks';
import { useApiEvents } from '../api';
import classes from './app.module.css';
import { CommandPalette } from '../features/palette/CommandPalette';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { useNavigation } from './navigation';
import { findPage, pages } from './pages';
import { useHistoryKeys } from './use-history-keys';

/** The sidebar's widths: full, and the icon rail it collapses to (the choice is remembered). */
const NAVBAR_WIDTH = 230;
const RAIL_WIDTH = 60;

/** Header + navbar + the current page + the command palette. Also where main -> renderer events are subscribed. */
export function AppLayout() {
  useApiEvents();
  useHistoryKeys();
  const [navbarOpened, { toggle }] = useDisclosure();
  const [paletteOpened, palette] = useDisclosure();
  const [rail, setRail] = useLocalStorage({
    key: 'stacklens.navbar.rail',
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  // Also from inside a text field: Ctrl+K is nobody else's shortcut in the app.
  useHotkeys([['mod+K', palette.toggle]], []);
  const { route } = useNavigation();
  const page = findPage(route.page);
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: rail ? RAIL_WIDTH : NAVBAR_WIDTH, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <AppHeader
          navbarOpened={navbarOpened}
          onToggleNavbar={toggle}
          rail={rail}
          onToggleRail={() => setRail((r) => !r)}
          onOpenPalette={palette.open}
        />
      </AppShell.Header>
      <AppShell.Navbar aria-label="Navigation">
        <AppNavbar rail={rail} />
      </AppShell.Navbar>
      <AppShell.Main aria-label={page.label} className={classes.main}>
        <div className={classes.page}>
          <page.component />
        </div>
      </AppShell.Main>
      <CommandPalette pages={pages} opened={paletteOpened} onClose={palette.close} />
    </AppShell>
  );
}
