/// <reference lib="dom" />
/**
 * The topology graph at fit-to-view on a 1280x800 laptop (issue 14 item 7): every piece of text it
 * draws is readable on screen (font size x zoom >= 11 px; smaller detail is hidden, not shrunk), a
 * cut-off name keeps its full text in a title, and the minimap and the controls lie over no node,
 * no edge label, no frame title and not over each other. Measured on the lab's topology (all
 * projects) and on the 10,000-port overview, at the first view and after the controls' fit
 * button. Screenshots, light and dark, go to test-results/screenshots/graph-readable-*.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_TENANT, generateTenant } from '../../src/shared/topology/testing/generate-tenant';
import { writeSnapshotFile } from '../../src/main/topology/snapshot-file';
import { test, expect, type AppHarness } from './fixtures';
import { labDir } from './harness/lab';
import { measureGraph, viewportSettled } from './harness/graph-check';
import { AppPage } from './pages/app-page';
import { TopologyPage } from './pages/topology-page';

/** The smallest on-screen font size, in px, that an admin reads without zooming. */
const READABLE_PX = 11;

const snapshotDir = mkdtempSync(join(tmpdir(), 'sl-e2e-graph-'));
const overviewSnapshot = join(snapshotDir, 'overview-10k.json');
const expandedSnapshot = join(snapshotDir, 'expanded-10k.json');
test.afterAll(() => rmSync(snapshotDir, { recursive: true, force: true }));

test.use({
  viewport: { width: 1280, height: 800 },
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
});

/** The graph's findings as they are now, each soft-asserted with where it was taken. */
async function expectReadable(topo: TopologyPage, where: string): Promise<void> {
  await viewportSettled(topo.graph);
  const report = await measureGraph(topo.graph, READABLE_PX);
  console.log(
    `[graph-readable] ${where}: zoom ${report.zoom.toFixed(3)}, ${report.texts} texts, smallest ${report.smallestPx.toFixed(1)} px, ${report.shown} nodes/labels on screen`,
  );
  expect(report.shown, `${where}: something is drawn`).toBeGreaterThan(0);
  expect.soft(report.controls, `${where}: the zoom controls are on screen`).toBe(true);
  expect.soft(report.tooSmall, `${where}: text below ${READABLE_PX} px on screen`).toEqual([]);
  expect.soft(report.cutWithoutTitle, `${where}: cut-off names without a title`).toEqual([]);
  expect.soft(report.covered, `${where}: covered by the minimap or the controls`).toEqual([]);
}

/** Pans and zooms away, then presses the controls' fit button. */
async function fitAgain(app: AppHarness, topo: TopologyPage): Promise<void> {
  const pane = topo.graph.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.mouse.wheel(0, -600);
  await topo.graph.getByRole('button', { name: /^Fit view$/i }).click();
}

async function showGraph(topo: TopologyPage): Promise<void> {
  await topo.view('Graph');
  await expect(topo.graph).toHaveAttribute('data-laid-out', 'true', { timeout: 60_000 });
  await expect(topo.graph.locator('.react-flow__node').first()).toBeVisible();
}

test.describe('graph readable at fit-to-view, 1280x800', () => {
  test("the lab's topology, all projects", async ({ app, lab }) => {
    expect(lab.topology.clouds).toContain('lab-admin');
    const cloud = (await app.services.clouds.importDiscovered(['lab-admin'])).imported[0];
    await app.services.sessions.connect(cloud.id);
    await app.open();
    const topo = new TopologyPage(app.page);
    const shell = new AppPage(app.page);
    await topo.goto();
    await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
    await showGraph(topo);
    await expect(topo.graphNode('alpha-router')).toBeVisible();
    await expectReadable(topo, 'lab, first view');
    await shell.screenshots('graph-readable-lab');
    await fitAgain(app, topo);
    await expectReadable(topo, 'lab, after the fit button');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expectReadable(topo, 'lab, dark');
    await app.page.emulateMedia({ colorScheme: 'light' });
  });
});

// Each test its own answer: the preset dialog answers are used up, one per open.
test.describe('the overview of 10,000 ports at fit-to-view, 1280x800', () => {
  test.use({ dialogAnswers: { open: [overviewSnapshot] } });
  test('20 projects', async ({ app }) => {
    test.setTimeout(120_000);
    await writeSnapshotFile(overviewSnapshot, generateTenant(BENCH_TENANT));
    const topo = await openSnapshot(app);
    await expectReadable(topo, '10k overview, first view');
    await new AppPage(app.page).screenshots('graph-readable-overview');
    await fitAgain(app, topo);
    await expectReadable(topo, '10k overview, after the fit button');
    // Zoomed out past where every name can be read, only the groups are named (larger), then nothing:
    // no tiny text at any zoom.
    const zoomOut = topo.graph.getByRole('button', { name: 'Zoom Out' });
    for (let i = 0; i < 3; i++) await zoomOut.click();
    await viewportSettled(topo.graph);
    const far = await measureGraph(topo.graph, READABLE_PX);
    expect(far.zoom).toBeLessThan(0.5);
    expect(far.tooSmall, 'zoomed out: text below the readable size').toEqual([]);
    expect(far.texts, 'zoomed out: the 20 projects still named').toBeGreaterThanOrEqual(20);
    await new AppPage(app.page).screenshots('graph-readable-zoomed-out');
    for (let i = 0; i < 3; i++) await zoomOut.click();
    await viewportSettled(topo.graph);
    const farther = await measureGraph(topo.graph, READABLE_PX);
    expect(farther.zoom).toBeLessThan(0.25);
    expect(farther.shown, 'the nodes are still drawn').toBeGreaterThanOrEqual(22);
    expect(farther.texts, 'farther out: no text at all').toBe(0);
  });
});

test.describe('the overview of 10,000 ports with a project open, 1280x800', () => {
  test.use({ dialogAnswers: { open: [expandedSnapshot] } });
  test('after the fit button, with the minimap', async ({ app }) => {
    test.setTimeout(120_000);
    await writeSnapshotFile(expandedSnapshot, generateTenant(BENCH_TENANT));
    const topo = await openSnapshot(app);
    await topo.graphNode('project-0').click();
    await expect(topo.graph.getByLabel('Expanded project project-0')).toBeVisible({ timeout: 60_000 });
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true', { timeout: 60_000 });
    const minimap = topo.graph.getByRole('img', { name: 'Graph overview map' });
    await expect(minimap).toBeVisible();
    await fitAgain(app, topo);
    await expectReadable(topo, 'overview with project-0 open, after the fit button');
    await new AppPage(app.page).screenshots('graph-readable-expanded');
    // The map folds away (the canvas takes its room) and comes back.
    const toggle = topo.graph.getByRole('button', { name: 'Overview map' });
    await toggle.click();
    await expect(minimap).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(minimap).toBeVisible();
  });
});

async function openSnapshot(app: AppHarness): Promise<TopologyPage> {
  const topo = new TopologyPage(app.page);
  await topo.goto();
  await topo.main.getByRole('button', { name: 'Open snapshot…' }).click();
  await showGraph(topo);
  await expect(topo.graph).toHaveAttribute('data-mode', 'overview');
  return topo;
}
