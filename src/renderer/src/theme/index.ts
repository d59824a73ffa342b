import {
  createTheme,
  DEFAULT_THEME,
  Drawer,
  Modal,
  type CSSVariablesResolver,
  type MantineColorScheme,
  type MantineColorsTuple,
} from '@mantine/core';
import { darkenUntil, readablePalette } from './contrast';

/** Mantine's palettes with shades 6-9 at 4.5:1 or better on white (coloured text, links, filled buttons). */
const readableColors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, palette]) => [name, readablePalette(palette)]),
) as Record<string, MantineColorsTuple>;
// The dark scheme's greys are backgrounds: they stay as they are.
delete readableColors.dark;

/** StackLens's Mantine theme: system fonts, calm indigo accents, compact radius, AA contrast. */
export const theme = createTheme({
  primaryColor: 'indigo',
  colors: readableColors,
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
  // Mantine's close buttons are icons without a name: every modal and drawer gets one.
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});

/**
 * Light dimmed text: at 4.5:1 on the tinted rows it sits on too (a selected row or an active nav
 * link on indigo-1, a search hit on yellow-2), which puts it near 6:1 on white.
 */
export const lightDimmed = darkenUntil(DEFAULT_THEME.colors.gray[6], DEFAULT_THEME.colors.indigo[1], 4.6);

/**
 * Dimmed text carries data here (MACs, network names, counters): at least 4.5:1 on the page and on
 * cards in both schemes (Mantine's stock dimmed is 3.3:1 in light, 4.0:1 in dark).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': lightDimmed },
  dark: { '--mantine-color-dimmed': '#a8a8a8' },
});

/** 'auto' follows the OS setting (prefers-color-scheme). */
export const defaultColorScheme: MantineColorScheme = 'auto';
