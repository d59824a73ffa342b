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
   * Saves test-results/screenshots/<name>-light.png and <name>-dark.png (switching with the
   * header's own toggle), then restores light. Waits for animations to settle.
   */
  async screenshots(name: string, target?: Locator): Promise<void> {
    mkdirSync(screenshotDir, { recursive: true });
    for (const scheme of ['Light', 'Dark'] as const) {
      await this.setColorScheme(scheme);
      const path = join(screenshotDir, `${name}-${scheme.toLowerCase()}.png`);
      if (target) await target.screenshot({ path, animations: 'disabled' });
      else await this.page.screenshot({ path, animations: 'disabled' });
    }
    await this.setColorScheme('Light');
  }
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
