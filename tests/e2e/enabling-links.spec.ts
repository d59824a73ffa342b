/**
 * No dead end behind a disabled button: where an action needs a setting or a connection, the app
 * offers an active control that opens what enables it. Against the lab, through the bridge:
 * a metadata path without the nova settings leads to the settings dialog, and once saved the same
 * path shows what nova serves; the health page without a cloud leads to the Clouds page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { BasePage } from './pages/base-page';
import { MetadataPage } from './pages/metadata-page';

interface LabIds {
  instances: Record<string, { id: string }>;
  recorderUrl: string;
}

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['metadata', 'nova', 'compute'],
});

test.describe('links to what enables an action', () => {
  test('a metadata path without nova settings opens them; saved, it shows what nova serves', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    const vm = ids.instances['alpha-vm1'];
    await connectCloud(app);
    const shell = new AppPage(app.page);
    const md = new MetadataPage(app.page);
    await md.goto();
    await md.lookUp(vm.id);

    const routerPath = md.path(/^10\.0\.0\.10 via router alpha-router/);
    await routerPath.click();
    // `has` is relative to the item: the control by role and name, not the page-rooted locator.
    const item = md.paths.locator('.mantine-Accordion-item').filter({
      has: app.page.getByRole('button', { name: /^10\.0\.0\.10 via router alpha-router/ }),
    });
    const setUp = item.getByRole('button', { name: 'Set up nova metadata to show what it serves here…' });
    await expect(setUp).toBeEnabled();
    await expect(item.getByRole('button', { name: 'Show what nova serves through this path' })).toHaveCount(0);
    // Nothing in the page is a disabled button waiting for a setting.
    await expect(md.main.locator('button:disabled')).toHaveCount(0);
    await setUp.scrollIntoViewIfNeeded();
    await shell.screenshots('links-path-needs-settings', item);

    await setUp.click();
    const dialog = app.page.getByRole('dialog', { name: /^Metadata settings of lab-admin/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'nova-api-metadata URL' }).fill(ids.recorderUrl);
    await dialog.getByLabel('Shared secret').fill(lab.topology.metadataSecret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // The same path now fetches: the documents nova serves the instance through alpha-router.
    const show = item.getByRole('button', { name: 'Show what nova serves through this path' });
    await expect(show).toBeEnabled();
    await expect(setUp).toHaveCount(0);
    await show.click();
    await expect(md.documentContent()).toContainText(`"uuid": "${vm.id}"`);
    await expect(item.getByText('documents shown')).toBeVisible();
  });

  test('the health page without a cloud leads to the Clouds page', async ({ app }) => {
    const health = new BasePage(app.page, 'Metadata health');
    await health.goto();
    const empty = health.main.getByRole('region', { name: 'Nothing to check' });
    await expect(empty).toContainText('Connect to a cloud');
    await empty.getByRole('button', { name: 'Go to clouds' }).click();
    await expect(new BasePage(app.page, 'Clouds').heading()).toBeVisible();
    await expect(empty).toBeHidden();
  });
});
