import { createTheme, type MantineColorScheme } from '@mantine/core';

/** StackLens's Mantine theme: system fonts, calm indigo accents, compact radius. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
});

/** 'auto' follows the OS setting (prefers-color-scheme). */
export const defaultColorScheme: MantineColorScheme = 'auto';
