import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const screenshotDir = resolve(__dirname, '../../../test-results/screenshots');

/**
 * What every page object shares: the main region, the page's level-2 heading, going to the page
 * from the navbar, and light/dark screenshots. `title` is both the navbar entry and the heading
 * (undefined for the app shell, which is no page of its own).
 */
export class BasePage {
  readonly main: Locator;

  constructor(
    readonly page: Page,
    readonly title?: string,
  ) {
    this.main = page.getByRole('main');
  }

  /** The page's level-2 heading (this page's title unless another is named). */
  heading(name = this.requireTitle()): Locator {
    return this.main.getByRole('heading', { name, level: 2 });
  }

  /** Clicks the page's navbar entry and waits for its heading. */
  async goto(): Promise<void> {
    const title = this.requireTitle();
    await this.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: title }).click();
    await expect(this.heading(title)).toBeVisible();
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

  private requireTitle(): string {
    if (!this.title) throw new Error(`${this.constructor.name} has no title: name the heading`);
    return this.title;
  }
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An id as the app shows it (ShortId): shortened on screen, the whole id in its data-short-id and
 * title. Locate by the whole id; the first visible one.
 */
export function shownId(scope: Locator, id: string): Locator {
  return scope.locator(`[data-short-id="${id}"]`).filter({ visible: true }).first();
}
