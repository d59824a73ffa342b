/// <reference lib="dom" />
/**
 * Room to work on a 1280x800 laptop (issue 14 item 7), against the lab: on every page, with the
 * sidebar expanded and collapsed to its rail, nothing sticks out past the window's right edge and
 * no table needs a sideways scrollbar; long ids are shortened in the middle (the whole id in the
 * tooltip, title and accessible name), never wrapped; the graph's overview banner leaves an
 * expanded frame's title readable. Screenshots of each page go to test-results/screenshots/layout-*.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTenant } from '../../src/shared/topology/testing/generate-tenant';
import { writeSnapshotFile } from '../../src/main/topology/snapshot-file';
import type { Locator } from '@playwright/test';
import { test, expect, type AppHarness } from './fixtures';
import { connectCloud } from './harness/connect';
import { getStatus } from './harness/http';
import { labDir } from './harness/lab';
import { horizontalScrollers, pageScroll, pastBottomEdge, pastRightEdge } from './harness/layout-check';
import { AppPage } from './pages/app-page';
import { shownId } from './pages/base-page';
import { ProxyPage } from './pages/proxy-page';
import { TopologyPage } from './pages/topology-page';
import { MetadataPage } from './pages/metadata-page';
import { CloudsPage } from './pages/clouds-page';

interface LabIds {
  instances: Record<string, { id: string; projectId: string; portId: string }>;
  routers: Record<string, { id: string }>;
  recorderUrl: string;
}

const snapshotDir = mkdtempSync(join(tmpdir(), 'sl-e2e-layout-'));
const bigSnapshot = join(snapshotDir, 'overview.json');
test.afterAll(() => rmSync(snapshotDir, { recursive: true, force: true }));

test.use({
  viewport: { width: 1280, height: 800 },
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['metadata', 'nova'],
  dialogAnswers: { open: [bigSnapshot] },
});

/** Every lab cloud, lab-admin connected with its metadata settings, a listener with two requests in its log. */
async function setUp(app: AppHarness, ids: LabIds, secret: string, clouds: string[]): Promise<void> {
  await connectCloud(app, 'lab-admin', {
    alsoImport: clouds,
    beforeOpen: async (cloud) => {
      app.services.metadataConfig.save({ cloudId: cloud.id, novaMetadataUrl: ids.recorderUrl, secret });
      const view = await app.services.proxy.save({
        name: 'alpha-router namespace',
        cloudId: cloud.id,
        mode: 'namespace',
        port: null,
        routerId: ids.routers['alpha-router'].id,
        trustedProxies: ['127.0.0.1'],
      });
      const { url } = await app.services.proxy.start(view.config.id);
      const meta = `${url}/openstack/latest/meta_data.json`;
      expect(await getStatus(meta, { 'X-Forwarded-For': '10.0.0.10' })).toBe(200);
      expect(await getStatus(meta, { 'X-Forwarded-For': '10.0.0.99' })).toBe(404);
    },
  });
}

/** Every layout check, every finding in the message (soft: one run reports every page). */
async function expectFits(app: AppHarness, where: string): Promise<void> {
  expect.soft(await pastRightEdge(app.page), `${where}: past the window's right edge`).toEqual([]);
  // The page fits the window's height: long content scrolls inside its own area, never the page.
  expect.soft(await pageScroll(app.page), `${where}: the page scrolls vertically by`).toBe(0);
  expect.soft(await pastBottomEdge(app.page), `${where}: below the window's bottom edge`).toEqual([]);
  // The graph pans, code and JSON blocks keep their lines whole: those may scroll sideways.
  expect
    .soft(await horizontalScrollers(app.page, '.react-flow, pre, code'), `${where}: sideways scrollbars`)
    .toEqual([]);
}

/** Screenshots and checks of one page, with the sidebar expanded, then collapsed to its rail. */
async function bothSidebars(app: AppHarness, name: string, where: string): Promise<void> {
  const shell = new AppPage(app.page);
  for (const state of ['expanded', 'rail'] as const) {
    await shell.screenshots(`layout-${name}${state === 'rail' ? '-rail' : ''}`);
    await expectFits(app, `${where} (sidebar ${state})`);
    await shell.header
      .getByRole('button', { name: state === 'expanded' ? 'Collapse the sidebar' : 'Expand the sidebar' })
      .click();
  }
}

/** The bottom of `panel` (a tree, the drawer, the log) is inside the window, not below the fold. */
async function expectBottomInWindow(app: AppHarness, panel: Locator, what: string): Promise<void> {
  const box = await panel.boundingBox();
  const height = app.page.viewportSize()?.height ?? 0;
  expect.soft(box, `${what} is on screen`).not.toBeNull();
  if (!box) return;
  const bottom = Math.round(box.y + box.height);
  console.log(`layout ${what}: top ${Math.round(box.y)} px, bottom ${bottom} px, window ${height} px`);
  expect.soft(bottom, `${what}: bottom edge, window ${height} px high`).toBeLessThanOrEqual(height);
}

/** An id shown short: the ellipsis in the middle, the whole id in its title, never on two lines. */
async function expectShortId(app: AppHarness, scope: ReturnType<AppHarness['page']['locator']>, id: string) {
  const shown = shownId(scope, id);
  await expect(shown).toBeVisible();
  const text = (await shown.innerText()).trim();
  expect(text).toContain('\u2026');
  expect(text).not.toContain(id);
  await expect(shown.locator('[title]').first()).toHaveAttribute('title', new RegExp(`${id}$`));
  const lines = await shown.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(el).lineHeight) || 20;
    return box.height / line;
  });
  expect(lines, `${id} on one line`).toBeLessThan(1.6);
}

test.describe('layout at 1280x800', () => {
  test('every page fits, sidebar expanded and collapsed; ids shortened, never wrapped', async ({ app, lab }) => {
    test.setTimeout(240_000);
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await setUp(app, ids, lab.topology.metadataSecret, lab.topology.clouds);
    const clouds = new CloudsPage(app.page);
    const topo = new TopologyPage(app.page);
    const md = new MetadataPage(app.page);
    const proxy = new ProxyPage(app.page);
    const shell = new AppPage(app.page);

    await expect(clouds.heading()).toBeVisible();
    await clouds.main.getByRole('button', { name: 'Details of lab-admin', exact: true }).click();
    await bothSidebars(app, 'clouds', 'clouds');

    await topo.goto();
    await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
    const routers = topo.tree('Router tree');
    const alpha = topo.row(routers, /^alpha-router,/);
    await topo.expand(alpha);
    await topo.expand(topo.row(routers, /^10\.0\.0\.1,/));
    await alpha.click();
    await expect(topo.details).toBeVisible();
    await expectShortId(app, topo.details, ids.routers['alpha-router'].id);
    // With the drawer open, each row keeps some of its secondary text (the gateway address).
    await expect(alpha.getByText(/^gateway /)).toBeVisible();
    const secondary = await alpha.getByText(/^gateway /).evaluate((el) => el.getBoundingClientRect().width);
    expect(secondary, 'the secondary text keeps room').toBeGreaterThan(60);
    await expectBottomInWindow(app, routers, 'router tree');
    await expectBottomInWindow(app, topo.details, 'details drawer');
    await bothSidebars(app, 'topology-drawer', 'topology with the drawer');
    // The drawer widens from its left edge (arrows on the separator, as dragging does).
    const edge = topo.details.getByRole('separator', { name: 'Details width' });
    const before = (await topo.details.boundingBox())!.width;
    await edge.press('ArrowLeft');
    await edge.press('ArrowLeft');
    await expect.poll(async () => (await topo.details.boundingBox())!.width).toBeGreaterThan(before + 40);
    await expectFits(app, 'topology with a wider drawer');

    await md.goto();
    await md.lookUp(ids.instances['alpha-vm1'].id);
    await md.path(/^10\.0\.0\.10 via router alpha-router/).click();
    await expect(md.paths.getByLabel('Trace steps').first()).toBeVisible();
    await expectShortId(app, md.instance, ids.instances['alpha-vm1'].portId);
    // Names the lookup found name the trace, without the topology loaded: "alpha-router (094e…)".
    const routerId = ids.routers['alpha-router'].id;
    await expect(md.paths.getByLabel('Resources in this trace').first()).toContainText(
      `alpha-router (${routerId.slice(0, 4)}\u2026)`,
    );
    await bothSidebars(app, 'metadata-trace', 'metadata trace');

    await proxy.goto();
    await expect(proxy.rows).toHaveCount(2);
    await expectBottomInWindow(app, proxy.log, 'request log');
    await bothSidebars(app, 'proxy', 'proxy');
    await proxy.rows.last().click();
    await expect(proxy.drawer).toBeVisible();
    await expectBottomInWindow(app, proxy.drawer, 'trace drawer');
    await shell.screenshots('layout-proxy-trace');
    await app.page.keyboard.press('Escape');

    await shell.navigation.getByRole('button', { name: 'Metadata health' }).click();
    await md.main.getByRole('switch', { name: 'All projects' }).check();
    await md.main.getByRole('button', { name: 'Check every instance' }).click();
    const table = md.main.getByRole('table', { name: 'Instances and their metadata health' });
    await expect(table.getByRole('row', { name: /^alpha-vm1: / })).toBeVisible({ timeout: 90_000 });
    await bothSidebars(app, 'health', 'health');
  });

  test("the overview banner leaves an expanded frame's title readable", async ({ app }) => {
    // Big enough for the overview (more than 150 nodes), in one project so components show.
    await writeSnapshotFile(
      bigSnapshot,
      generateTenant({ routers: 30, networks: 60, ports: 400, servers: 120, projects: 1 }),
    );
    const topo = new TopologyPage(app.page);
    await topo.goto();
    await topo.main.getByRole('button', { name: 'Open snapshot…' }).click();
    await topo.view('Graph');
    await expect(topo.graph).toHaveAttribute('data-mode', 'overview');
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true', { timeout: 60_000 });
    await topo.graph.locator('[data-kind="component"]').first().click();
    const frame = topo.graph.getByLabel(/^Expanded /).first();
    await expect(frame).toBeVisible({ timeout: 60_000 });
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true', { timeout: 60_000 });
    const banner = topo.graph.getByText(/^Overview: \d+ components?/);
    const title = frame.locator('p').first();
    const [b, t] = [await banner.boundingBox(), await title.boundingBox()];
    expect(b && t).toBeTruthy();
    const overlap =
      b!.y + b!.height > t!.y && t!.y + t!.height > b!.y && b!.x + b!.width > t!.x && t!.x + t!.width > b!.x;
    expect(overlap, 'banner over the frame title').toBe(false);
    await new AppPage(app.page).screenshots('layout-graph-overview');
    await expectFits(app, 'graph overview');
  });
});
