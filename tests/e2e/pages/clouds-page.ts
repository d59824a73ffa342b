import { expect, type Locator, type Page } from '@playwright/test';
import type { PresetDialogs } from '../harness/dialogs';
import { BasePage, escape } from './base-page';

/**
 * How a connect answers main's native "Insecure connection" warning (the lab's auth URL is plain
 * http://, so every lab connect raises it): accept = "Connect anyway".
 */
export type InsecureAnswer = 'accept' | 'decline';

/** The Clouds page: welcome state, the clouds table (one row group per cloud), and the dialogs they open. */
export class CloudsPage extends BasePage {
  readonly welcome: Locator;
  readonly list: Locator;

  /** `dialogs`: the harness's native dialogs, so a connect can answer main's warning. */
  constructor(
    page: Page,
    readonly dialogs?: PresetDialogs,
  ) {
    super(page, 'Clouds');
    this.welcome = page.getByRole('region', { name: 'Welcome' });
    this.list = page.getByRole('table', { name: 'Configured clouds' });
  }

  filter(): Locator {
    return this.main.getByRole('textbox', { name: 'Filter clouds' });
  }

  card(name: string): CloudCard {
    return new CloudCard(
      this.page,
      this.list.getByRole('rowgroup', { name: `Cloud ${name}`, exact: true }),
      this.dialogs,
    );
  }

  async openImport(): Promise<ImportDialog> {
    const fromWelcome = this.welcome.getByRole('button', { name: /Import clouds/ });
    if (await fromWelcome.isVisible()) await fromWelcome.click();
    else await this.main.getByRole('button', { name: /^Import/ }).click();
    const dialog = new ImportDialog(this.page.getByRole('dialog', { name: 'Import clouds' }));
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  async openAddForm(): Promise<CloudForm> {
    const fromWelcome = this.welcome.getByRole('button', { name: /Add a cloud/ });
    if (await fromWelcome.isVisible()) await fromWelcome.click();
    else await this.main.getByRole('button', { name: /^Add cloud/ }).click();
    return new CloudForm(this.page.getByRole('dialog', { name: 'Add a cloud' }));
  }
}

export class CloudCard {
  constructor(
    readonly page: Page,
    readonly root: Locator,
    readonly dialogs?: PresetDialogs,
  ) {}

  status(): Locator {
    return this.root.getByRole('img', { name: /^(Connected|Not connected|Connection failed|Connecting)$/ }).first();
  }

  /** Clicks Connect; `insecure` answers main's warning when this attempt sends the secret. */
  async connect(insecure?: InsecureAnswer): Promise<void> {
    if (insecure) answerWarning(this.dialogs, insecure);
    await this.root.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  async disconnect(): Promise<void> {
    await this.root.getByRole('button', { name: 'Disconnect', exact: true }).click();
  }

  /** Opens the details row (user, scope, secret, TLS, source, roles). */
  async showDetails(): Promise<void> {
    const toggle = this.root.getByRole('button', { name: /^Details of / });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  /** Shown instead of "Try again" when Keystone refused the stored password. */
  newPasswordButton(): Locator {
    return this.root.getByRole('button', { name: /^Enter new (password|application credential secret|token)$/ });
  }

  projectSelect(): Locator {
    return this.root.getByRole('combobox', { name: 'Switch project' });
  }

  async switchProject(name: string): Promise<void> {
    await this.projectSelect().click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  error(): Locator {
    return this.root.getByRole('alert');
  }

  passwordPrompt(cloudName: string): PasswordPrompt {
    return new PasswordPrompt(this.page.getByRole('dialog', { name: `Connect to ${cloudName}` }), this.dialogs);
  }

  /** The edit form, from the row's menu. */
  async openEditForm(cloudName: string): Promise<CloudForm> {
    await this.root.getByRole('button', { name: `More actions for ${cloudName}` }).click();
    await this.page.getByRole('menuitem', { name: 'Edit…' }).click();
    const form = new CloudForm(this.page.getByRole('dialog', { name: `Edit ${cloudName}` }));
    await expect(form.root).toBeVisible();
    return form;
  }

  async remove(cloudName: string): Promise<void> {
    await this.root.getByRole('button', { name: `More actions for ${cloudName}` }).click();
    await this.page.getByRole('menuitem', { name: /Remove/ }).click();
    const confirm = this.page.getByRole('dialog', { name: `Remove ${cloudName}?` });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(confirm).toBeHidden();
  }
}

export class PasswordPrompt {
  constructor(
    readonly root: Locator,
    readonly dialogs?: PresetDialogs,
  ) {}

  /** Types the secret and connects; `insecure` answers main's warning this attempt raises. */
  async submit(secret: string, remember = false, insecure?: InsecureAnswer): Promise<void> {
    if (insecure) answerWarning(this.dialogs, insecure);
    const input = this.root.getByRole('textbox', { name: /^(Password|Application credential secret|Token)$/ });
    await input.fill(secret);
    if (remember) await this.root.getByRole('checkbox', { name: /Remember in the vault/ }).check();
    await this.root.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  error(): Locator {
    return this.root.getByRole('alert');
  }
}

export class ImportDialog {
  readonly files: Locator;
  readonly environment: Locator;
  readonly clouds: Locator;

  constructor(readonly root: Locator) {
    this.files = root.getByRole('region', { name: 'Files found' });
    this.environment = root.getByRole('region', { name: 'Environment variables found' });
    this.clouds = root.getByRole('region', { name: 'Clouds found' });
  }

  cloudCheckbox(name: string): Locator {
    return this.clouds.getByRole('checkbox', { name: new RegExp(`^${escape(name)}(\\s|$)`) });
  }

  /** Where a found cloud's secret would go, and on which TLS terms. */
  endpoint(name: string): Locator {
    return this.clouds.getByLabel(`${name} endpoint`, { exact: true });
  }

  async importSelected(): Promise<void> {
    await this.root.getByRole('button', { name: /^Import \d+ selected$/ }).click();
  }

  /** The file itself is the answer the test preset for main's native open dialog. */
  async importChosenFile(): Promise<void> {
    await this.root.getByRole('button', { name: 'Choose file…' }).click();
  }

  result(): Locator {
    return this.root.getByRole('status').filter({ hasText: 'Import finished' });
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close the import dialog' }).click();
    await expect(this.root).toBeHidden();
  }
}

export class CloudForm {
  constructor(readonly root: Locator) {}

  field(label: string): Locator {
    return this.root.getByRole('textbox', { name: label, exact: true });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  async secret(value: string): Promise<void> {
    await this.root.getByRole('textbox', { name: /^(Password|Application credential secret|Token)$/ }).fill(value);
  }

  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: /^(Add cloud|Save changes)$/ }).click();
  }
}

function answerWarning(dialogs: PresetDialogs | undefined, answer: InsecureAnswer): void {
  if (!dialogs) throw new Error('Give CloudsPage the harness dialogs (new CloudsPage(page, app.dialogs))');
  dialogs.willConfirm(answer === 'accept');
}
