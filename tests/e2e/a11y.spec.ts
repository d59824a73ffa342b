/**
 * Accessibility of every page against the lab, through the bridge to the real main handlers:
 * axe-core (WCAG 2 A/AA rules, colour contrast included) in light and dark, with data on screen
 * (the admin's topology as trees and graph with details open, a looked-up instance, the health
 * table, the proxy with traffic, the palette). No serious or critical violation is allowed.
 * Screenshots at 1280x800, a laptop's window.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type AppHarness } from './fixtures';
import { connectCloud } from './harness/connect';
import { getStatus } from './harness/http';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { BasePage } from './pages/base-page';
import { CloudsPage } from './pages/clouds-page';
import { MetadataPage } from './pages/metadata-page';
import { ProxyPage } from './pages/proxy-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string; projectId: string }>;
  routers: Record<string, { id: string }>;
  recorderUrl: string;
}

test.use({
  viewport: { width: 1280, height: 800 },
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['metadata', 'nova', 'compute'],
});

/** Serious and critical violations, one line per node: rule, impact, target and why. */
async function violations(app: AppHarness): Promise<string[]> {
  const result = await new AxeBuilder({ page: app.page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} ${n.html.slice(0, 160)} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

/** Checks the page in light, then dark, and keeps a screenshot of each. */
async function check(app: AppHarness, name: string): Promise<void> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme: scheme });
    await expect(app.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    // Let colour transitions settle before measuring contrast.
    await app.page.waitForTimeout(300);
    found.push(...(await violations(app)).map((v) => `[${scheme}] ${v}`));
  }
  await new BasePage(app.page).screenshots(`a11y-${name}`);
  // Soft: every page and scheme of the test is checked and reported, not only the first one failing.
  expect.soft(found, `${name}: serious/critical axe violations`).toEqual([]);
}

test.describe('accessibility of every page (axe-core), light and dark', () => {
  let cloudId = '';
  test.beforeEach(async ({ app, lab }) => {
    expect(lab.topology.authUrl).toBeTruthy();
    cloudId = (await connectCloud(app, 'lab-admin', { alsoImport: ['lab-alice'] })).id;
  });

  test('clouds', async ({ app }) => {
    await new BasePage(app.page, 'Clouds').goto();
    await expect(app.page.getByRole('main')).toContainText('lab-alice');
    await check(app, 'clouds');
  });

  test('clouds: the add and the edit cloud forms', async ({ app }) => {
    const clouds = new CloudsPage(app.page);
    await clouds.goto();
    const add = await clouds.openAddForm();
    await expect(add.field('Name')).toBeVisible();
    await check(app, 'cloud-form-add');
    await app.page.keyboard.press('Escape');
    await expect(add.root).toBeHidden();
    const edit = await clouds.card('lab-alice').openEditForm('lab-alice');
    await expect(edit.field('Name')).toHaveValue('lab-alice');
    await check(app, 'cloud-form-edit');
  });

  test('topology: router tree with details, network tree, graph', async ({ app }) => {
    test.setTimeout(120_000);
    const topo = new TopologyPage(app.page);
    await topo.goto();
    await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
    const routers = topo.tree('Router tree');
    await topo.expand(topo.row(routers, /^alpha-router,/));
    await topo.searchFor('10.0.0.10');
    await topo.hit(/instance beta-vm1/).click();
    await expect(topo.details).toBeVisible();
    await check(app, 'topology-router-tree');
    await topo.view('Network tree');
    await expect(topo.tree('Network tree')).toBeVisible();
    await check(app, 'topology-network-tree');
    await topo.view('Graph');
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true');
    await check(app, 'topology-graph');
  });

  test('metadata: a looked-up instance, its paths and documents', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    const md = new MetadataPage(app.page);
    await md.goto();
    await md.lookUp(ids.instances['alpha-vm1'].id);
    await expect(md.paths).toBeVisible();
    await md.path(/^10\.0\.0\.10 via router alpha-router/).click();
    await check(app, 'metadata');
    await md.main.getByRole('button', { name: 'Metadata settings…' }).first().click();
    await expect(app.page.getByRole('dialog', { name: /^Metadata settings of / })).toBeVisible();
    await check(app, 'metadata-settings');
  });

  test('health: every instance checked', async ({ app }) => {
    test.setTimeout(150_000);
    const health = new BasePage(app.page, 'Metadata health');
    await health.goto();
    await health.main.getByRole('switch', { name: 'All projects' }).check();
    await health.main.getByRole('button', { name: 'Check every instance' }).click();
    const table = health.main.getByRole('table', { name: 'Instances and their metadata health' });
    await expect(table.getByRole('row', { name: /^alpha-vm1: / })).toBeVisible({ timeout: 90_000 });
    await check(app, 'health');
  });

  test('proxy: a running listener with traffic and counters, the trace of a request', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    app.services.metadataConfig.save({
      cloudId,
      novaMetadataUrl: ids.recorderUrl,
      secret: lab.topology.metadataSecret,
    });
    // A namespace listener (haproxy's place): each request is resolved through Neutron, with a trace.
    const saved = await app.services.proxy.save({
      name: 'alpha-router namespace',
      cloudId,
      mode: 'namespace',
      port: null,
      routerId: ids.routers['alpha-router'].id,
      trustedProxies: ['127.0.0.1'],
    });
    await app.open();
    const proxy = new ProxyPage(app.page);
    await proxy.goto();
    const url = await proxy.start(saved.config.name);
    const meta = `${url}/openstack/latest/meta_data.json`;
    expect(await getStatus(meta, { 'X-Forwarded-For': '10.0.0.10' })).toBe(200);
    expect(await getStatus(meta, { 'X-Forwarded-For': '10.0.0.99' })).toBe(404);
    await expect(proxy.log).toContainText('2 requests');
    await check(app, 'proxy');
    await proxy.rows.filter({ hasText: '10.0.0.10' }).click();
    await expect(proxy.drawer.getByLabel('Trace steps')).toContainText('GET /v2.0/ports');
    await check(app, 'proxy-trace');
    await app.page.keyboard.press('Escape');
    await expect(proxy.drawer).toBeHidden();
    await proxy.stop(saved.config.name);
  });

  test('proxy: the new listener form', async ({ app }) => {
    const proxy = new ProxyPage(app.page);
    await proxy.goto();
    const form = await proxy.openNewListenerForm();
    await expect(form.getByRole('textbox', { name: 'Name' })).toBeVisible();
    await check(app, 'proxy-listener-form');
  });

  test('the shell with the sidebar collapsed, and the palette', async ({ app }) => {
    const shell = new AppPage(app.page);
    await shell.header.getByRole('button', { name: 'Collapse the sidebar' }).click();
    await expect(shell.header.getByRole('button', { name: 'Expand the sidebar' })).toBeVisible();
    await check(app, 'shell-rail');
    await shell.openPalette();
    await shell.paletteInput.fill('alpha');
    await expect(shell.palette.getByRole('option').first()).toBeVisible();
    await check(app, 'palette');
  });
});
