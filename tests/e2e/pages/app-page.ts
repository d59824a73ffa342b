import { expect, type Locator, type Page } from '@playwright/test';
import { BasePage, escape } from './base-page';

/** The app shell: header (session badge, theme toggle), navbar (pages, cloud status). */
export class AppPage extends BasePage {
  readonly header: Locator;
  readonly navigation: Locator;
  readonly sessionBadge: Locator;
  readonly cloudStatus: Locator;

  constructor(page: Page) {
    super(page);
    this.header = page.getByRole('banner');
    this.navigation = page.getByRole('navigation', { name: 'Pages' });
    this.sessionBadge = this.header.getByRole('status', { name: /^Active session/ });
    this.cloudStatus = page.getByRole('region', { name: 'Cloud status' });
  }

  async setColorScheme(scheme: 'Light' | 'Dark' | 'Follow the system'): Promise<void> {
    // The radio inputs are visually hidden; the user clicks the labelled icon.
    await this.header.getByRole('radiogroup', { name: 'Color scheme' }).getByTitle(scheme, { exact: true }).click();
    const expected = scheme === 'Light' ? 'light' : scheme === 'Dark' ? 'dark' : undefined;
    if (expected) await expect(this.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', expected);
  }

  /** The header's current-cloud field (a select: its value is the cloud's name). */
  get currentCloud(): Locator {
    return this.header.getByRole('combobox', { name: 'Current cloud' });
  }

  get currentProject(): Locator {
    return this.header.getByRole('combobox', { name: 'Current project' });
  }

  /** Makes a cloud the current one from the header's switcher. */
  async chooseCloud(name: string): Promise<void> {
    await this.currentCloud.click();
    await this.page.getByRole('option', { name, exact: true }).click();
    await expect(this.currentCloud).toHaveValue(name);
  }

  /** The command palette's dialog (Ctrl/Cmd+K). */
  get palette(): Locator {
    return this.page.getByRole('dialog', { name: /^Command palette/ });
  }

  /** The palette's search field (a combobox over its results). */
  get paletteInput(): Locator {
    return this.palette.getByRole('combobox', { name: 'Command' });
  }

  /** Opens the palette with the keyboard, as a user does, and waits for its field to have focus. */
  async openPalette(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.paletteInput).toBeFocused();
  }

  /** A result of the palette by its label (its accessible name is label, then detail). */
  paletteOption(name: RegExp | string): Locator {
    return this.palette.getByRole('option', { name });
  }

  /** The option the arrows have made active (Enter runs it). */
  paletteActive(): Locator {
    return this.palette.locator('[role="option"][aria-selected="true"]');
  }

  /** The navbar entry of a cloud; its accessible name ends with the connection state. */
  cloudNavItem(name: string): Locator {
    return this.cloudStatus.getByRole('button', { name: new RegExp(`^${escape(name)},`) });
  }
}
