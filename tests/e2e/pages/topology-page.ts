import { expect, type Locator, type Page } from '@playwright/test';
import { BasePage } from './base-page';

/** The Topology page: toolbar, view switch, search, trees, graph and the details drawer. */
export class TopologyPage extends BasePage {
  readonly toolbar: Locator;
  readonly search: Locator;
  readonly results: Locator;
  readonly details: Locator;
  readonly graph: Locator;
  readonly summary: Locator;
  readonly matchCount: Locator;
  readonly filters: Locator;

  constructor(page: Page) {
    super(page, 'Topology');
    this.toolbar = this.main.getByRole('toolbar', { name: 'Topology controls' });
    this.search = this.main.getByRole('combobox', { name: 'Search the topology' });
    this.results = this.main.getByRole('listbox', { name: 'Search results' });
    this.details = this.main.getByRole('complementary', { name: 'Details' });
    this.graph = this.main.getByTestId('topology-graph');
    this.summary = this.main.getByLabel('Topology summary');
    this.matchCount = this.main.getByRole('status', { name: 'Search matches' });
    this.filters = this.main.getByRole('button', { name: /^Filters, \d+ active$/ });
  }

  tree(name: 'Router tree' | 'Network tree'): Locator {
    return this.main.getByRole('tree', { name });
  }

  /** A row by its accessible name (label, then ", secondary"). */
  row(tree: Locator, name: RegExp | string): Locator {
    return tree.getByRole('treeitem', { name });
  }

  async view(name: 'Router tree' | 'Network tree' | 'Graph'): Promise<void> {
    const group = this.main.getByRole('radiogroup', { name: 'Topology view' });
    // The radio inputs are visually hidden: click the label, as a user does.
    await group.locator('label').filter({ hasText: name }).click();
    await expect(group.getByRole('radio', { name })).toBeChecked();
  }

  async expand(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Expand / }).click();
    await expect(row).toHaveAttribute('aria-expanded', 'true');
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.results).toBeVisible();
  }

  hit(name: RegExp | string): Locator {
    return this.results.getByRole('option', { name });
  }

  /** The context menu of a row (portalled out of main). */
  rowMenu(label: string | RegExp): Locator {
    return this.page.getByRole('menu', { name: typeof label === 'string' ? `Actions of ${label}` : label });
  }

  /** The filters popover (opened if needed); returns it. */
  async openFilters(): Promise<Locator> {
    const dropdown = this.page.getByRole('dialog', { name: 'Search filters' });
    if (!(await dropdown.isVisible())) await this.filters.click();
    await expect(dropdown).toBeVisible();
    return dropdown;
  }

  /** What the page wrote to the clipboard (the context needs clipboard-read permission). */
  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  graphNode(label: string): Locator {
    return this.graph.locator('[data-kind]').filter({ hasText: label }).first();
  }
}
