import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const screenshotDir = resolve(__dirname, '../../../test-results/screenshots');

/** The app shell: header (session badge, theme toggle), navbar (pages, cloud status). */
export class AppPage {
  readonly header: Locator;
  readonly navigation: Locator;
  readonly main: Locator;
  readonly sessionBadge: Locator;
  readonly cloudStatus: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.navigation = page.getByRole('navigation', { name: 'Pages' });
    this.main = page.getByRole('main');
    this.sessionBadge = this.header.getByRole('status', { name: /^Active session/ });
    this.cloudStatus = page.getByRole('region', { name: 'Cloud status' });
  }

  async setColorScheme(scheme: 'Light' | 'Dark' | 'Follow the system'): Promise<void> {
    // The radio inputs are visually hidden; the user clicks the labelled icon.
    await this.header.getByRole('radiogroup', { name: 'Color scheme' }).getByTitle(scheme, { exact: true }).click();
    const expected = scheme === 'Light' ? 'light' : scheme === 'Dark' ? 'dark' : undefined;
    if (expected) await expect(this.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', expected);
  }

  /** The navbar entry of a cloud; its accessible name ends with the connection state. */
  cloudNavItem(name: string): Locator {
    return this.cloudStatus.getByRole('button', { name: new RegExp(`^${escape(name)},`) });
  }

  /**
   * Saves test-results/screenshots/<name>-light.png and <name>-dark.png. The app follows the
   * system scheme by default, so the OS preference is emulated: that works with a modal open,
   * where the header's toggle is behind the overlay.
   */
  async screenshots(name: string, target?: Locator): Promise<void> {
    mkdirSync(screenshotDir, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await this.page.emulateMedia({ colorScheme: scheme });
      await expect(this.page.locator('html'), 'the theme must be on "Follow the system"').toHaveAttribute(
        'data-mantine-color-scheme',
        scheme,
      );
      const path = join(screenshotDir, `${name}-${scheme}.png`);
      if (target) await target.screenshot({ path, animations: 'disabled' });
      else await this.page.screenshot({ path, animations: 'disabled' });
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
