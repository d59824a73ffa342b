import { expect, type Locator, type Page } from '@playwright/test';
import { BasePage, escape } from './base-page';

/** The Metadata proxy page: listener cards, the listener form, the request log and its drawer. */
export class ProxyPage extends BasePage {
  readonly listeners: Locator;
  readonly log: Locator;
  readonly rows: Locator;
  readonly drawer: Locator;

  constructor(page: Page) {
    super(page, 'Metadata proxy');
    this.listeners = this.main.getByRole('region', { name: 'Listeners' });
    this.log = this.main.getByRole('region', { name: 'Request log' });
    this.rows = this.log
      .getByRole('table', { name: 'Requests' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    this.drawer = page.getByRole('dialog').filter({ has: page.getByLabel('Request details') });
  }

  card(name: string): Locator {
    return this.main.getByRole('article', { name: `Listener ${name}` });
  }

  form(): Locator {
    return this.page.getByRole('form', { name: /proxy listener|Edit listener/ });
  }

  async openNewListenerForm(): Promise<Locator> {
    await this.main.getByRole('button', { name: 'New listener…' }).first().click();
    const form = this.form();
    await expect(form).toBeVisible();
    return form;
  }

  /** Types into a picker of the form and chooses the option with this accessible name ("<name>, <project>"). */
  async pick(form: Locator, label: string, text: string, option: string | RegExp): Promise<void> {
    await form.getByRole('textbox', { name: label }).fill(text);
    await this.page.getByRole('option', { name: option }).click();
  }

  async chooseMode(form: Locator, label: string): Promise<void> {
    await form.getByText(label, { exact: true }).click();
  }

  async start(name: string): Promise<string> {
    const card = this.card(name);
    await card.getByRole('button', { name: 'Start' }).click();
    await expect(card.getByLabel('State: Running')).toBeVisible();
    const url = await card.locator('code').first().textContent();
    // Agent mode on TCP and instance mode: the listener's token is the URL's path.
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+(\/slt-[\w-]{32})?$/);
    return url as string;
  }

  async stop(name: string): Promise<void> {
    const card = this.card(name);
    await card.getByRole('button', { name: 'Stop' }).click();
    await expect(card.getByLabel('State: Stopped')).toBeVisible();
  }

  counter(name: string, label: string): Locator {
    return this.card(name).getByLabel(new RegExp(`^${escape(label)}: `));
  }

  async filter(text: string): Promise<void> {
    await this.log.getByRole('textbox', { name: 'Filter requests' }).fill(text);
  }
}
