/**
 * The command palette (Ctrl/Cmd+K) against the lab, through the bridge to the real main handlers:
 * open it with the keyboard, type a name, Enter lands on the right page and row; an IP found on two
 * networks; recent items; the metadata-lookup action; connecting a cloud; Esc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './fixtures';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { shownId } from './pages/base-page';
import { MetadataPage } from './pages/metadata-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string; portId: string; ip: string }>;
}

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
});

/** Imports lab-admin (connected) and lab-alice (not connected) in main, then loads the app. */
async function adminAndAlice(app: AppHarness): Promise<void> {
  const imported = (await app.services.clouds.importDiscovered(['lab-admin', 'lab-alice'])).imported;
  const admin = imported.find((c) => c.name === 'lab-admin');
  if (!admin) throw new Error('lab-admin was not imported from the lab clouds.yaml');
  await app.services.sessions.connect(admin.id);
  await app.open();
}

/** The palette's options by accessible name, in order. */
function optionNames(shell: AppPage): Promise<string[]> {
  return shell.palette.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

test.describe('command palette', () => {
  test('Ctrl+K, a name, Enter: the instance of another project is selected in the topology', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await adminAndAlice(app);
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    await expect(shell.sessionBadge).toContainText('admin');

    await shell.openPalette();
    // Nothing typed: the pages and the clouds, the first one active.
    await expect(shell.paletteOption(/^Topology/)).toBeVisible();
    await expect(shell.paletteOption(/^Connect lab-alice/)).toBeVisible();
    await expect(shell.paletteActive()).toHaveCount(1);

    // beta-vm1 is in project beta; the admin's topology (all projects) is loaded when the palette opens.
    await shell.paletteInput.fill('beta-vm1');
    await expect(shell.paletteOption(/^beta-vm1 · instance/)).toBeVisible();
    // Walk with the arrows to the instance itself (not its port), then Enter.
    const names = await optionNames(shell);
    const target = names.findIndex((n) => n.startsWith('beta-vm1 · instance'));
    expect(target, `the instance among ${names.join(' | ')}`).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < target; i++) await shell.paletteInput.press('ArrowDown');
    await expect(shell.paletteActive()).toContainText('beta-vm1');
    await shell.paletteInput.press('Enter');

    await expect(shell.palette).toBeHidden();
    await expect(topo.heading()).toBeVisible();
    await expect(topo.toolbar.getByRole('switch', { name: 'All projects' })).toBeChecked();
    await expect(topo.details.getByRole('heading', { name: 'beta-vm1' })).toBeVisible();
    await expect(shownId(topo.details, ids.instances['beta-vm1'].id)).toBeVisible();
    await expect(topo.tree('Router tree').locator('[aria-selected="true"]')).toContainText('beta-vm1');
    await shell.screenshots('palette-jump-topology');

    // Again from inside a text field: the jump is now a recent item, first.
    await topo.search.click();
    await shell.openPalette();
    await expect(shell.palette.getByRole('group', { name: 'Recent' })).toContainText('beta-vm1');
    await expect(shell.paletteActive()).toContainText('beta-vm1');
    await shell.screenshots('palette-recent', shell.palette);
    await app.page.keyboard.press('Escape');
    await expect(shell.palette).toBeHidden();
  });

  test('an IP on two networks, the lookup action, and connecting a cloud', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await adminAndAlice(app);
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    const md = new MetadataPage(app.page);

    // 10.0.0.10 is alpha-vm1's on alpha-net and beta-vm1's on beta-net: two ports, told apart by network.
    await shell.openPalette();
    await shell.paletteInput.fill('10.0.0.10');
    await expect(shell.paletteOption(/10\.0\.0\.10 · network alpha-net/)).toBeVisible();
    await expect(shell.paletteOption(/10\.0\.0\.10 · network beta-net/)).toBeVisible();
    await shell.screenshots('palette-ip', shell.palette);
    const alpha = (await optionNames(shell)).findIndex((n) => /network alpha-net/.test(n));
    for (let i = 0; i < alpha; i++) await shell.paletteInput.press('ArrowDown');
    await shell.paletteInput.press('Enter');
    await expect(shownId(topo.details, ids.instances['alpha-vm1'].portId)).toBeVisible();

    // The lookup action on an instance found by name: the metadata page looks it up.
    await shell.openPalette();
    await shell.paletteInput.fill('alpha-vm1');
    await expect(shell.paletteOption(/^Metadata lookup: alpha-vm1/)).toBeVisible();
    await shell.paletteInput.press('End');
    await expect(shell.paletteActive()).toContainText('Serve metadata as alpha-vm1');
    await shell.paletteInput.press('ArrowUp');
    await expect(shell.paletteActive()).toContainText('Metadata lookup: alpha-vm1');
    await shell.paletteInput.press('Enter');
    await expect(md.heading()).toBeVisible();
    await expect(md.instance).toContainText('alpha-vm1');
    await expect(shownId(md.instance, ids.instances['alpha-vm1'].portId)).toBeVisible();

    // Connect a cloud: lab-alice's password is in the lab's secure.yaml.
    await shell.openPalette();
    await shell.paletteInput.fill('connect alice');
    await expect(shell.paletteActive()).toContainText('Connect lab-alice');
    // The lab is plain http: main asks before sending the password; the admin connects anyway.
    app.dialogs.willConfirm(true);
    await shell.paletteInput.press('Enter');
    await expect(shell.cloudNavItem('lab-alice')).toHaveAccessibleName('lab-alice, Connected');
  });
});
