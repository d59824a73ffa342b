/**
 * One current cloud for every page, against the lab: the header's switcher (cloud, then project)
 * and the sidebar's cloud entries switch the page shown in place; every page follows.
 */
import { join } from 'node:path';
import { test, expect, type AppHarness } from './fixtures';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { MetadataPage } from './pages/metadata-page';
import { TopologyPage } from './pages/topology-page';

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
});

async function connectBoth(app: AppHarness): Promise<void> {
  const imported = (await app.services.clouds.importDiscovered(['lab-admin', 'lab-alice'])).imported;
  for (const cloud of imported) await app.services.sessions.connect(cloud.id);
  await app.open();
}

test.describe('current cloud', () => {
  test('the header and the sidebar switch the page shown in place; every page follows', async ({ app, lab }) => {
    await connectBoth(app);
    const shell = new AppPage(app.page);
    const topo = new TopologyPage(app.page);
    const md = new MetadataPage(app.page);
    const routers = topo.tree('Router tree');

    await topo.goto();
    await shell.chooseCloud('lab-alice');
    await expect(topo.heading()).toBeVisible();
    await expect(shell.sessionBadge).toHaveAccessibleName(/^Active session: lab-alice: alice @ alpha/);
    await expect(topo.row(routers, /^alpha-router,/)).toBeVisible();
    await expect(routers.getByRole('treeitem')).toHaveCount(1);

    // The sidebar entry switches in place too: still the Topology page, now lab-admin's.
    await shell.cloudNavItem('lab-admin').click();
    await expect(topo.heading()).toBeVisible();
    await expect(shell.currentCloud).toHaveValue('lab-admin');
    await expect(topo.toolbar.getByRole('switch', { name: 'All projects' })).toBeVisible();

    // Another page shows the same cloud.
    await md.goto();
    await expect(md.lookupForm.getByRole('combobox', { name: 'Cloud' })).toHaveValue(/^lab-admin/);
    await shell.chooseCloud('lab-alice');
    await expect(md.lookupForm.getByRole('combobox', { name: 'Cloud' })).toHaveValue(/^lab-alice/);

    // The project, from the header: admin re-scopes to alpha.
    await shell.chooseCloud('lab-admin');
    expect(Object.keys(lab.topology.projects)).toContain('alpha');
    await shell.currentProject.click();
    await app.page.getByRole('option', { name: 'alpha', exact: true }).click();
    await expect(shell.sessionBadge).toHaveAccessibleName(/^Active session: lab-admin: admin @ alpha/);
    await expect(shell.currentProject).toHaveValue('alpha');
  });
});
