import {
  Center,
  SegmentedControl,
  VisuallyHidden,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

const options: Array<{ value: MantineColorScheme; label: string; icon: typeof IconSun }> = [
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
  { value: 'auto', label: 'Follow the system', icon: IconDeviceDesktop },
];

/** Light / dark / auto (follows the OS). Icons only, each with an accessible name. */
export function ThemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      aria-label="Color scheme"
      value={colorScheme}
      onChange={(value) => setColorScheme(value as MantineColorScheme)}
      data={options.map(({ value, label, icon: OptionIcon }) => ({
        value,
        label: (
          <Center title={label}>
            <OptionIcon size={16} stroke={1.7} aria-hidden />
            <VisuallyHidden>{label}</VisuallyHidden>
          </Center>
        ),
      }))}
    />
  );
}
