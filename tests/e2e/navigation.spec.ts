/**
 * Navigation in the browser harness, against the lab: a page keeps what it showed when the user
 * goes elsewhere and comes back, and Back / Forward (Alt+Left / Alt+Right, the header buttons)
 * walk the pages visited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { labDir } from './harness/lab';
import { MetadataPage } from './pages/metadata-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string }>;
}

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
});

test.describe('navigation', () => {
  test('navigating away and back keeps the instance; Alt+Left and Alt+Right walk the history', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    const vm = ids.instances['alpha-vm1'];
    await connectCloud(app);

    const md = new MetadataPage(app.page);
    const topology = new TopologyPage(app.page);
    const heading = (name: string) => app.page.getByRole('main').getByRole('heading', { name, level: 2 });
    await md.goto();
    await md.lookUp(vm.id);
    await expect(md.instance).toContainText('alpha-vm1');

    // Away through the navbar, and back through the navbar: the lookup is still there.
    await topology.goto();
    await expect(heading('Topology')).toBeVisible();
    await md.goto();
    await expect(md.instance).toContainText('alpha-vm1');
    await expect(md.instancePicker).toHaveValue(/alpha-vm1|[0-9a-f-]{36}/);

    // History: metadata <- topology <- metadata.
    await app.page.keyboard.press('Alt+ArrowLeft');
    await expect(heading('Topology')).toBeVisible();
    await app.page.keyboard.press('Alt+ArrowLeft');
    await expect(heading('Instance metadata')).toBeVisible();
    await expect(md.instance).toContainText('alpha-vm1');
    await app.page.keyboard.press('Alt+ArrowRight');
    await expect(heading('Topology')).toBeVisible();
    await app.page.getByRole('button', { name: 'Forward', exact: true }).click();
    await expect(heading('Instance metadata')).toBeVisible();
    await expect(app.page.getByRole('button', { name: 'Forward', exact: true })).toBeDisabled();
    await expect(md.instance).toContainText('alpha-vm1');
    await app.page.screenshot({ path: test.info().outputPath('navigation-back-on-metadata.png') });
  });
});
