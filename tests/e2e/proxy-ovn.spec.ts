/// <reference lib="dom" />
/**
 * The listener form on the OVN lab (region RegionOVN, beside the ML2 lab's Keystone): the backend
 * StackLens detects is preselected and shown in a badge, and an OVN namespace listener is bound to
 * a network (its ovnmeta- namespace), never a router. Screenshots light and dark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { OVN_LAB_DIR, labGate } from '../lab-gate';
import { AppPage } from './pages/app-page';
import { ProxyPage } from './pages/proxy-page';

/** The OVN lab lives beside the ML2 lab's directory (tests/lab/ovn/README.md). */
const ovnDir = OVN_LAB_DIR;
const ovnTopology = join(ovnDir, 'topology.json');

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(ovnDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(ovnDir, 'secure.yaml') },
});

test.describe('proxy listener form on OVN', () => {
  test('the detected backend is preselected; an OVN namespace listener takes a network', async ({ app, lab }) => {
    test.setTimeout(120_000);
    void lab;
    const gate = labGate(['ovn']); // skips saying why, or throws under CI=true
    test.skip(!gate.run, gate.run ? '' : gate.reason);
    const ids = JSON.parse(readFileSync(ovnTopology, 'utf8')) as { networks: Record<string, { id: string }> };
    await connectCloud(app, 'ovn-admin');

    const shell = new AppPage(app.page);
    const proxy = new ProxyPage(app.page);
    await proxy.goto();
    const form = await proxy.openNewListenerForm();
    await expect(form.getByLabel('Detected backend')).toHaveText('detected: OVN', { timeout: 30_000 });
    const backend = form.getByRole('radiogroup', { name: 'Network backend' });
    await expect(backend.getByRole('radio', { name: 'OVN' })).toBeChecked();

    await form.getByRole('textbox', { name: 'Name' }).fill('alpha-net ovnmeta');
    await proxy.chooseMode(form, 'Namespace (haproxy + agent)');
    await expect(form).toContainText("Like OVN's ovnmeta- namespace proxy");
    // No router field on OVN: the scope is the network.
    await expect(form.getByRole('textbox', { name: 'Router' })).toHaveCount(0);
    await expect(form.getByLabel('Scope', { exact: true })).toHaveValue('Network (ovnmeta- namespace)');
    // Picked by name, never a raw ID.
    await proxy.pick(form, 'Network', 'alpha-net', /^alpha-net, /);
    await expect(form.getByRole('textbox', { name: 'Network' })).toHaveValue(
      `alpha-net (${ids.networks['alpha-net'].id.slice(0, 4)}\u2026)`,
    );
    await shell.screenshots('proxy-ovn-form', form);

    // Switching to ML2/OVS brings the router scope back (the admin's choice wins over the detection).
    await form.locator('label').filter({ hasText: 'ML2/OVS' }).click();
    await expect(backend.getByRole('radio', { name: 'ML2/OVS' })).toBeChecked();
    await expect(form).toContainText('Like the router or DHCP namespace proxy');
    await form.locator('label').filter({ hasText: /^OVN$/ }).click();

    await form.getByRole('button', { name: 'Create listener' }).click();
    await expect(form).toBeHidden();
    await expect(proxy.card('alpha-net ovnmeta')).toBeVisible();
  });
});
