/// <reference lib="dom" />
/**
 * The Topology page in Chromium through the bridge to the REAL main handlers: the sample from the
 * welcome screen (no cloud), then the lab as admin in all-projects mode (expand, search the IP that
 * exists on two networks, details, graph), alice's view, and export / re-open of a snapshot.
 * Screenshots of the trees and the graph, light and dark, go to test-results/screenshots/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { test, expect, type AppHarness } from './fixtures';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { shownId } from './pages/base-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string; portId: string; ip: string }>;
  routers: Record<string, { id: string }>;
}

const exportDir = mkdtempSync(join(tmpdir(), 'sl-e2e-topology-'));
const exported = join(exportDir, 'lab-topology.json');

/** Imports and connects a lab cloud in main (the clouds UI has its own specs), then reloads. */
async function connect(app: AppHarness, name: string): Promise<void> {
  const cloud = (await app.services.clouds.importDiscovered([name])).imported[0];
  await app.services.sessions.connect(cloud.id);
  await app.open();
}

test.describe('topology, offline sample', () => {
  test('the welcome screen opens the bundled sample, a working topology without a cloud', async ({ app }) => {
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    await app.page.getByRole('button', { name: 'Open the sample snapshot' }).click();
    await expect(topo.main.getByLabel('Offline snapshot')).toContainText('bundled sample snapshot of sample-lab');
    await expect(topo.summary).toContainText('3 routers');
    const routers = topo.tree('Router tree');
    await expect(routers.getByRole('treeitem')).toHaveCount(3);
    // 10.0.0.10 sits on three networks behind three routers: three hits. web-1's port is dual-stack,
    // so it shows (highlighted) under both of its subnets: four rows.
    await topo.searchFor('10.0.0.10');
    await expect(topo.matchCount).toHaveText('3 matches');
    for (const name of ['web-1 port', 'db-1 port', 'ops-bastion port'])
      await expect(topo.hit(new RegExp(`^${name},`))).toBeVisible();
    await expect(routers.locator('[data-highlighted]')).toHaveCount(4);
    await app.page.keyboard.press('Escape');
    await shell.screenshots('topology-sample-tree');

    await topo.view('Graph');
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true');
    await expect(topo.graphNode('web-router')).toBeVisible();
    // The three 10.0.0.0/24 subnets are three nodes; the three hits are highlighted.
    await expect(topo.graph.locator('[data-kind="subnet"]').filter({ hasText: '10.0.0.0/24' })).toHaveCount(3);
    await expect(topo.graph.locator('[data-highlighted]')).toHaveCount(3);
    await shell.screenshots('topology-sample-graph');
  });
});

test.describe('topology against the lab', () => {
  test.use({
    appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
    dialogAnswers: { save: [exported], open: [exported] },
  });

  test('admin, all projects: expand, search 10.0.0.10 (two networks), details, graph', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await connect(app, 'lab-admin');
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    await topo.goto();
    await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
    const routers = topo.tree('Router tree');
    const alphaRouter = topo.row(routers, /^alpha-router,/);
    await expect(alphaRouter).toBeVisible();
    await expect(topo.row(routers, /^beta-router,/)).toBeVisible();
    await expect(alphaRouter).toContainText('instances');
    await expect(topo.main.getByLabel('Fetch details')).toContainText('All projects');

    await topo.expand(alphaRouter);
    await expect(routers.getByRole('treeitem', { name: /^gateway → public/ })).toBeVisible();

    await topo.searchFor('10.0.0.10');
    await expect(topo.matchCount).toHaveText('2 matches');
    await expect(topo.hit(/network alpha-net · instance alpha-vm1/)).toBeVisible();
    await expect(topo.hit(/network beta-net · instance beta-vm1/)).toBeVisible();
    // Both ports are revealed and highlighted, each under its own router. alpha-vm1's port is
    // dual-stack (alpha-net's SLAAC subnet is on alpha-router too), so it shows under both subnets.
    await expect(routers.locator('[data-highlighted]')).toHaveCount(3);
    await expect(
      routers.locator(`[data-highlighted][data-key^="router:${ids.routers['alpha-router'].id}/"]`),
    ).toHaveCount(2);
    await expect(
      routers.locator(`[data-highlighted][data-key^="router:${ids.routers['beta-router'].id}/"]`),
    ).toHaveCount(1);
    await expect(
      routers.locator(`[data-highlighted][data-key$="/port:${ids.instances['alpha-vm1'].portId}"]`),
    ).toHaveCount(2);

    await topo.hit(/instance beta-vm1/).click();
    await expect(topo.details).toBeVisible();
    await expect(shownId(topo.details, ids.instances['beta-vm1'].portId)).toBeVisible();
    await expect(topo.details.getByRole('button', { name: 'Copy id' })).toBeVisible();
    await topo.details.getByRole('button', { name: 'beta-vm1' }).click();
    await expect(topo.details.getByRole('heading', { name: 'beta-vm1' })).toBeVisible();
    await expect(topo.details.getByRole('button', { name: 'Metadata lookup' })).toBeVisible();
    await shell.screenshots('topology-router-tree');

    await topo.view('Network tree');
    const networks = topo.tree('Network tree');
    await expect(networks.locator('[data-highlighted]')).toHaveCount(3);
    await expect(networks.getByRole('treeitem', { name: /^ports without a device/ })).toBeVisible();
    await shell.screenshots('topology-network-tree');

    await topo.view('Graph');
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true');
    await expect(topo.graphNode('alpha-router')).toBeVisible();
    await expect(topo.graph.locator('[data-highlighted]')).toHaveCount(2);
    await shell.screenshots('topology-graph');
  });

  test('alice sees only alpha; a snapshot exports and opens offline', async ({ app }) => {
    await connect(app, 'lab-alice');
    const topo = new TopologyPage(app.page);
    await topo.goto();
    const routers = topo.tree('Router tree');
    await expect(topo.row(routers, /^alpha-router,/)).toBeVisible();
    await expect(routers.getByRole('treeitem')).toHaveCount(1);
    await expect(topo.toolbar.getByRole('switch', { name: 'All projects' })).toHaveCount(0);

    await topo.toolbar.getByRole('button', { name: 'Export…' }).click();
    await expect(app.page.getByText(exported)).toBeVisible();
    await topo.toolbar.getByRole('button', { name: 'Open snapshot…' }).click();
    await expect(topo.main.getByLabel('Offline snapshot')).toContainText('lab-topology.json');
    await expect(topo.row(topo.tree('Router tree'), /^alpha-router,/)).toBeVisible();
  });
});

test.describe('topology from the keyboard, against the lab', () => {
  test.use({
    appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
    permissions: ['clipboard-read', 'clipboard-write'],
  });

  test('tree walk, filters with only matches, row menu copies, search by arrows', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await connect(app, 'lab-admin');
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    const keys = app.page.keyboard;
    await topo.goto();
    await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
    const routers = topo.tree('Router tree');
    const alpha = topo.row(routers, /^alpha-router,/);
    const beta = topo.row(routers, /^beta-router,/);
    await expect(beta).toBeVisible();

    // Tab reaches the tree's one tab stop, the first row.
    await topo.main.getByRole('button', { name: 'Collapse all' }).focus();
    await keys.press('Tab');
    await expect(alpha).toBeFocused();
    await keys.press('ArrowRight');
    await expect(alpha).toHaveAttribute('aria-expanded', 'true');
    await keys.press('ArrowDown');
    await expect(routers.getByRole('treeitem', { name: /^gateway → public/ })).toBeFocused();
    await keys.press('End');
    await expect(beta).toBeFocused();
    await keys.press('Home');
    await expect(alpha).toBeFocused();
    await keys.press('ArrowLeft');
    await expect(alpha).toHaveAttribute('aria-expanded', 'false');
    // `*` expands every sibling of the focused row.
    await keys.press('*');
    await expect(alpha).toHaveAttribute('aria-expanded', 'true');
    await expect(beta).toHaveAttribute('aria-expanded', 'true');
    await keys.press('Enter');
    await expect(topo.details.getByRole('heading', { name: 'alpha-router' })).toBeVisible();

    // Shift+F10 opens the focused row's menu; its first copy entry is the ID.
    await alpha.focus();
    await keys.press('Shift+F10');
    const menu = topo.rowMenu('alpha-router');
    await expect(menu).toBeVisible();
    await menu.getByRole('menuitem', { name: 'Copy CLI command' }).click();
    await expect.poll(() => topo.clipboard()).toBe(`openstack router show ${ids.routers['alpha-router'].id}`);
    await expect(menu).toBeHidden();
    await expect(alpha).toBeFocused();

    // The context-menu key on a port row (revealed by a search): its IPs.
    await topo.searchFor(ids.instances['alpha-vm1'].ip);
    await keys.press('Escape');
    const vm1Port = routers.locator(`[data-key$="/port:${ids.instances['alpha-vm1'].portId}"]`).first();
    await vm1Port.focus();
    await keys.press('ContextMenu');
    const portMenu = topo.rowMenu(/^Actions of /);
    await portMenu.getByRole('menuitem', { name: 'Copy IPs' }).click();
    await expect.poll(() => topo.clipboard()).toContain(ids.instances['alpha-vm1'].ip);
    // Focus reopens the result list: Escape closes it, a second one clears the search.
    await topo.search.focus();
    await expect(topo.results).toBeVisible();
    await keys.press('Escape');
    await expect(topo.results).toBeHidden();
    await keys.press('Escape');
    await expect(topo.search).toHaveValue('');

    // Filters: DOWN with no text lists every DOWN resource; "only matches" prunes the tree to them.
    const filters = await topo.openFilters();
    await filters.getByRole('checkbox', { name: /^DOWN/ }).check();
    await filters.getByRole('checkbox', { name: /^No device/ }).check();
    await keys.press('Escape');
    await expect(topo.filters).toHaveAccessibleName('Filters, 2 active');
    await topo.main.getByRole('switch', { name: 'Show only matches' }).check();
    await expect(topo.row(routers, /^10\.0\.0\.50, alpha-spare/)).toBeVisible();
    await expect(routers.getByRole('treeitem', { name: /alpha-vm1/ })).toHaveCount(0);
    await shell.screenshots('topology-only-matches');

    // `/` focuses the search; arrows walk the results, Enter opens the active one.
    await routers.getByRole('treeitem').first().focus();
    await keys.press('/');
    await expect(topo.search).toBeFocused();
    await keys.type('alpha-spare');
    await expect(topo.matchCount).toHaveText(/^\d+ match/);
    await keys.press('ArrowDown');
    await expect(topo.results.getByRole('option', { selected: true })).toHaveCount(1);
    await keys.press('Enter');
    await expect(topo.details).toContainText('alpha-spare');
    // The pick closes the list, and the search's late result does not reopen it.
    await expect(topo.results).toBeHidden();
    await shell.screenshots('topology-keyboard-details');
  });
});

test.describe('topology state and row actions, against the lab', () => {
  test.use({
    appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  });

  test('the page keeps its state across pages; JSON tab; row actions open the right page', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await connect(app, 'lab-admin');
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    await topo.goto();
    const allProjects = topo.toolbar.getByRole('switch', { name: 'All projects' });
    await allProjects.click();
    const routers = topo.tree('Router tree');
    const beta = topo.row(routers, /^beta-router,/);
    await topo.expand(beta);
    await topo.searchFor('alpha-vm1');
    await topo
      .hit(/^alpha-vm1, /)
      .first()
      .click();
    await expect(topo.details.getByRole('heading', { name: 'alpha-vm1' })).toBeVisible();
    await topo.details.getByRole('tab', { name: 'JSON' }).click();
    const json = topo.details.getByLabel('JSON', { exact: true });
    await expect(json).toContainText(`"id": "${ids.instances['alpha-vm1'].id}"`);
    await shell.screenshots('topology-details-json');

    // Away and back: the same scope, search, expanded rows, selection and drawer tab.
    await app.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Clouds' }).click();
    await topo.goto();
    await expect(allProjects).toBeChecked();
    await expect(topo.search).toHaveValue('alpha-vm1');
    await expect(beta).toHaveAttribute('aria-expanded', 'true');
    await expect(topo.details.getByRole('heading', { name: 'alpha-vm1' })).toBeVisible();
    await expect(topo.details.getByRole('tab', { name: 'JSON' })).toHaveAttribute('aria-selected', 'true');
    await expect(routers.locator('[aria-selected="true"]')).toHaveCount(1);

    // "Serve as this instance" opens the proxy page's listener form for it.
    const vm1 = routers.getByRole('treeitem', { name: /^alpha-vm1,/ }).first();
    await vm1.click({ button: 'right' });
    await topo
      .rowMenu(/^Actions of alpha-vm1/)
      .getByRole('menuitem', { name: 'Serve as this instance' })
      .click();
    const form = app.page.getByRole('dialog', { name: 'New proxy listener' });
    await expect(form).toBeVisible();
    await expect(form.getByRole('radio', { name: 'Single instance' })).toBeChecked();
    await expect(form.locator('input[value^="alpha-vm1"]')).toHaveCount(1);
    await shell.screenshots('topology-serve-as-form');
    await app.page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    // Back: still as left; "Resolve here" on a router goes to the metadata page.
    await shell.header.getByRole('button', { name: 'Back' }).click();
    await expect(topo.search).toHaveValue('alpha-vm1');
    await topo.row(routers, /^alpha-router,/).click({ button: 'right' });
    await topo.rowMenu('alpha-router').getByRole('menuitem', { name: 'Resolve here' }).click();
    await expect(topo.main.getByRole('heading', { name: 'Instance metadata', level: 2 })).toBeVisible();
    const resolvePanel = topo.main.getByRole('region', { name: 'Resolve an address' });
    await expect(resolvePanel.locator('input[value^="alpha-router"]')).toHaveCount(1);
    await shell.screenshots('topology-resolve-here', resolvePanel);

    // "Start namespace listener" on the router: the form in namespace mode.
    await shell.header.getByRole('button', { name: 'Back' }).click();
    await topo.row(routers, /^alpha-router,/).click({ button: 'right' });
    await topo.rowMenu('alpha-router').getByRole('menuitem', { name: 'Start namespace listener' }).click();
    await expect(form).toBeVisible();
    await expect(form.getByRole('radio', { name: /^Namespace/ })).toBeChecked();
  });
});
