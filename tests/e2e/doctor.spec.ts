/// <reference lib="dom" />
/**
 * The metadata doctor in the browser harness, against the lab: the diagnosis at the top of an
 * instance's metadata page (verdict, findings with evidence and fix, below-the-API suspects), the
 * symptom re-ordering the suspects, and the "Metadata health" page (every instance, filter, a click
 * opens the instance's diagnosis). Screenshots in light and dark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { labDir, type Lab } from './harness/lab';
import { AppPage } from './pages/app-page';
import { MetadataPage } from './pages/metadata-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string; name: string }>;
}

/** Sets admin_state_up on every port of an instance through the lab's Neutron (as the lab admin). */
async function setInstancePortsUp(lab: Lab, instanceId: string, up: boolean): Promise<void> {
  const admin = lab.topology.users.admin;
  const auth = await fetch(`${lab.topology.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'admin', domain: { id: 'default' }, password: admin.password } },
        },
        scope: { project: { id: admin.projectId } },
      },
    }),
  });
  const token = auth.headers.get('x-subject-token');
  if (!token) throw new Error(`Keystone answered ${auth.status}`);
  const neutron = 'http://127.0.0.1:9696/v2.0';
  const headers = { 'x-auth-token': token, 'content-type': 'application/json' };
  const list = (await (await fetch(`${neutron}/ports?device_id=${instanceId}`, { headers })).json()) as {
    ports: Array<{ id: string }>;
  };
  for (const port of list.ports) {
    const res = await fetch(`${neutron}/ports/${port.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ port: { admin_state_up: up } }),
    });
    if (!res.ok) throw new Error(`Neutron answered ${res.status} to the port update`);
  }
}

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['compute'],
});

test.describe('metadata doctor', () => {
  test('diagnosis on the metadata page, then the health page of every instance', async ({ app, lab }) => {
    test.setTimeout(300_000);
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await connectCloud(app);
    const shell = new AppPage(app.page);
    const md = new MetadataPage(app.page);
    await md.goto();
    await md.lookUp(ids.instances['alpha-vm1'].id);

    const diagnosis = md.main.getByRole('region', { name: 'Diagnosis' });
    await expect(diagnosis.getByLabel(/^Verdict: /)).toBeVisible({ timeout: 60_000 });
    // No secret stored: the doctor says nova was not asked, it never claims "healthy".
    await expect(diagnosis).toContainText('nova-api-metadata was not asked');
    await expect(diagnosis).not.toContainText(/healthy/i);
    await diagnosis.getByRole('button', { name: /^Below the API/ }).click();
    const suspects = diagnosis.getByLabel('Below-the-API suspects');
    await expect(suspects).toContainText('qrouter-');
    await shell.screenshots('doctor-diagnosis', diagnosis);

    // The instance answers 503: the metadata agent becomes the first suspect and the verdict blocks.
    await diagnosis.getByRole('combobox', { name: 'What does the instance see?' }).click();
    await app.page.getByRole('option', { name: 'HTTP 503' }).click();
    await expect(diagnosis.getByRole('article').first()).toContainText('nothing the API shows explains it', {
      timeout: 60_000,
    });
    await expect(diagnosis.getByRole('article').first()).toContainText('neutron-metadata-agent');
    await shell.screenshots('doctor-diagnosis-503', diagnosis);

    // The health page: every instance of the lab (admin, all projects), filterable; a row opens the diagnosis.
    // alpha-vm2's port is set down for the check (restored below), so one instance is blocked.
    const downId = ids.instances['alpha-vm2'].id;
    const table = md.main.getByRole('table', { name: 'Instances and their metadata health' });
    const rows = table.locator('tbody tr');
    let blocked: string[] = [];
    await setInstancePortsUp(lab, downId, false);
    try {
      await shell.navigation.getByRole('button', { name: 'Metadata health' }).click();
      await md.main.getByRole('switch', { name: 'All projects' }).check();
      await md.main.getByRole('button', { name: 'Check every instance' }).click();
      await expect(table.getByRole('row', { name: /^alpha-vm1: / })).toBeVisible({ timeout: 90_000 });
      expect(await rows.count()).toBe(Object.keys(ids.instances).length);
      await shell.screenshots('doctor-health');
      const blockedRows = table.getByRole('row', { name: /: Blocked$/ });
      blocked = (await blockedRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? '')))
        .map((label) => label.replace(/: Blocked$/, ''))
        .sort();
      expect(blocked).toContain('alpha-vm2');
    } finally {
      await setInstancePortsUp(lab, downId, true);
    }
    await md.main.getByRole('textbox', { name: 'Filter instances' }).fill('beta-vm4');
    await expect(rows).toHaveCount(1);
    await rows.first().click();
    await expect(md.heading()).toBeVisible();
    await expect(md.main.getByRole('region', { name: 'Diagnosis' })).toContainText(/isolated|gateway/, {
      timeout: 60_000,
    });
    // Back on the health page: the report and its filter are as they were.
    await app.page.keyboard.press('Alt+ArrowLeft');
    await expect(md.main.getByRole('heading', { name: 'Metadata health', level: 2 })).toBeVisible();
    await expect(md.main.getByRole('textbox', { name: 'Filter instances' })).toHaveValue('beta-vm4');
    await expect(rows).toHaveCount(1);

    // The blocked instances are marked in the topology graph too, and only they.
    const topo = new TopologyPage(app.page);
    await topo.goto();
    await topo.main.getByRole('switch', { name: 'All projects' }).check();
    await topo.view('Graph');
    await expect(topo.graph).toHaveAttribute('data-laid-out', 'true', { timeout: 60_000 });
    const marked = topo.graph.getByLabel(/, metadata blocked$/);
    await expect(marked).toHaveCount(blocked.length);
    for (const name of blocked) {
      const node = topo.graph.getByLabel(`instance ${name}, metadata blocked`, { exact: true });
      await expect(node).toBeVisible();
      await expect(node).toContainText('blocked');
    }
    const passing = Object.keys(ids.instances).find((name) => !blocked.includes(name));
    if (passing) await expect(topo.graph.getByLabel(`instance ${passing}`, { exact: true })).toBeVisible();
    await shell.screenshots('doctor-graph-blocked', topo.graph);
  });
});
