import { expect, type Locator, type Page } from '@playwright/test';
import { BasePage } from './base-page';

/** The Instance metadata page: lookup form, instance, paths with traces, documents, settings. */
export class MetadataPage extends BasePage {
  readonly lookupForm: Locator;
  readonly instance: Locator;
  readonly paths: Locator;
  readonly documents: Locator;
  readonly novaApi: Locator;
  readonly settingsSummary: Locator;

  constructor(page: Page) {
    super(page, 'Instance metadata');
    this.lookupForm = this.main.getByRole('form', { name: 'Look up an instance' });
    this.instance = this.main.getByRole('region', { name: 'Instance' });
    this.paths = this.main.getByRole('region', { name: 'Paths' });
    this.documents = this.main.getByRole('region', { name: 'What the instance sees' });
    this.novaApi = this.main.getByRole('region', { name: 'Nova compute API' });
    this.settingsSummary = this.main.getByLabel('Metadata settings summary');
  }

  /** The instance picker's input. */
  get instancePicker(): Locator {
    return this.lookupForm.getByRole('textbox', { name: 'Instance' });
  }

  /** Looks an instance up by id (typed into the picker, Enter takes the match). */
  async lookUp(instanceId: string): Promise<void> {
    await this.instancePicker.fill(instanceId);
    await this.instancePicker.press('Enter');
    await expect(this.instance).toBeVisible();
  }

  /** Types into the picker and chooses the option with this accessible name ("<name>, <project>"). */
  async pick(text: string, option: string | RegExp): Promise<void> {
    await this.instancePicker.fill(text);
    await this.page.getByRole('option', { name: option }).click();
  }

  /** One path's accordion control, by its accessible name "<ip> via router <name>". */
  path(name: RegExp | string): Locator {
    return this.paths.getByRole('button', { name });
  }

  async saveSettings(values: { url: string; secret?: string }): Promise<void> {
    await this.main.getByRole('button', { name: 'Metadata settings…' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: /^Metadata settings of / });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'nova-api-metadata URL' }).fill(values.url);
    // A plain-http nova is warned about in the form (labs use it: saving goes ahead).
    const warning = dialog.getByRole('alert', { name: 'nova-api-metadata over plain http' });
    if (/^http:\/\//i.test(values.url)) await expect(warning).toContainText('unencrypted');
    else await expect(warning).toBeHidden();
    if (values.secret !== undefined) await dialog.getByLabel('Shared secret').fill(values.secret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }

  documentContent(): Locator {
    return this.documents.getByLabel('Document content');
  }
}
