/**
 * Text that carries data reads at 4.5:1 or better in light and dark, measured from screenshots:
 * element screenshots of a MAC (tree row and details), a network name (details link), a proxy
 * log's error path and status, and proxy counters, decoded and measured pixel by pixel
 * (harness/contrast.ts). A faded copy of the MAC must measure below 4.5:1, or the check is blind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { getStatus } from './harness/http';
import { measureTextContrast } from './harness/contrast';
import { labDir } from './harness/lab';
import { type Locator, type Page } from '@playwright/test';
import { ProxyPage } from './pages/proxy-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string; projectId: string; mac: string }>;
  recorderUrl: string;
}

test.use({
  viewport: { width: 1280, height: 800 },
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['metadata', 'nova'],
});

const MIN = 4.5;

/** The element's text contrast in light and dark, from its screenshots; logged for the record. */
async function measure(page: Page, name: string, target: Locator): Promise<Record<'light' | 'dark', number>> {
  const out = { light: 0, dark: 0 };
  await target.scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await page.mouse.move(0, 0); // no hover colour
    const m = measureTextContrast(await target.screenshot({ animations: 'disabled' }));
    console.log(`contrast ${name} [${scheme}]: ${m.ratio.toFixed(2)}:1 (${m.text} on ${m.background})`);
    out[scheme] = m.ratio;
  }
  return out;
}

async function expectReadable(page: Page, name: string, target: Locator): Promise<void> {
  const r = await measure(page, name, target);
  expect.soft(r.light, `${name}, light`).toBeGreaterThanOrEqual(MIN);
  expect.soft(r.dark, `${name}, dark`).toBeGreaterThanOrEqual(MIN);
}

test('data-carrying text measured from screenshots: 4.5:1 or better, light and dark', async ({ app, lab }) => {
  test.setTimeout(120_000);
  const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
  const vm = ids.instances['alpha-vm1'];
  const cloud = await connectCloud(app);

  // Topology: the MAC in a search hit's row (highlighted) and in the details; the network's name.
  const topo = new TopologyPage(app.page);
  await topo.goto();
  await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
  await topo.searchFor('10.0.0.10');
  await topo.hit(/network alpha-net · instance alpha-vm1/).click();
  await expect(topo.details).toBeVisible();
  const rowMac = topo.tree('Router tree').getByText(vm.mac).first();
  await expectReadable(app.page, 'MAC in a highlighted tree row', rowMac);
  const fields = topo.details.getByRole('table').first();
  await expectReadable(app.page, 'MAC in the details', fields.getByText(vm.mac, { exact: true }));
  await expectReadable(app.page, 'network name in the details', fields.getByText('alpha-net', { exact: true }).first());

  // The check is not blind: the same MAC, faded, measures below the bar in both schemes.
  await rowMac.evaluate((el: HTMLElement) => (el.style.opacity = '0.35'));
  const faded = await measure(app.page, 'MAC faded on purpose', rowMac);
  expect(faded.light).toBeLessThan(MIN);
  expect(faded.dark).toBeLessThan(MIN);
  await rowMac.evaluate((el: HTMLElement) => (el.style.opacity = ''));

  // Proxy: a 404's path and status in the log, the counters on the listener's card.
  app.services.metadataConfig.save({
    cloudId: cloud.id,
    novaMetadataUrl: ids.recorderUrl,
    secret: lab.topology.metadataSecret,
  });
  const saved = await app.services.proxy.save({
    name: 'contrast',
    cloudId: cloud.id,
    mode: 'instance',
    port: null,
    instance: { kind: 'instance', instanceId: vm.id, projectId: vm.projectId },
  });
  const proxy = new ProxyPage(app.page);
  await proxy.goto();
  const url = await proxy.start(saved.config.name);
  expect(await getStatus(`${url}/openstack/latest/meta_data.json`)).toBe(200);
  expect(await getStatus(`${url}/openstack/latest/nothing`)).toBe(404);
  await expect(proxy.log).toContainText('2 requests');
  const failed = proxy.rows.filter({ hasText: '/openstack/latest/nothing' });
  await expectReadable(app.page, 'error path in the log', failed.getByText('/openstack/latest/nothing').first());
  await expectReadable(app.page, 'error status in the log', failed.getByText('404', { exact: true }));
  for (const [label, value] of [
    ['Requests', '2'],
    ['2xx', '1'],
    ['4xx', '1'],
    ['5xx', '0'],
  ])
    await expectReadable(
      app.page,
      `counter ${label}`,
      proxy.counter('contrast', label).getByText(value, { exact: true }),
    );
  await proxy.stop(saved.config.name);
});
