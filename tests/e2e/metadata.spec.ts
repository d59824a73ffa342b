/// <reference lib="dom" />
/**
 * Instance metadata in the browser harness, against the lab: a lookup (paths and traces), the
 * Nova compute-API view without a secret, the documents once the settings are saved (nova
 * reached through the lab's recorder), the 403 explanation with a wrong secret, saving user_data
 * byte-exact. The fixture already proves no secret or token went main -> renderer; here we also
 * check the shared secret crossed only in the saveConfig request and never reached a log line.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { MetadataPage } from './pages/metadata-page';
import { TopologyPage } from './pages/topology-page';

interface LabIds {
  instances: Record<string, { id: string; projectId: string; ip: string }>;
  /** Project name -> id. */
  projects: Record<string, string>;
  recorderUrl: string;
  metadataSecret: string;
}

const saveDir = mkdtempSync(join(tmpdir(), 'sl-e2e-save-'));
const savedUserData = join(saveDir, 'user_data');

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['metadata', 'nova', 'compute'],
  dialogAnswers: { save: [savedUserData] },
});

test.describe('instance metadata', () => {
  test('lookup: paths, traces, the compute API without a secret, documents with one, user_data saved byte-exact', async ({
    app,
    lab,
  }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    const vm = ids.instances['alpha-vm1'];
    await connectCloud(app);
    const shell = new AppPage(app.page);
    const md = new MetadataPage(app.page);
    await md.goto();
    await md.lookUp(vm.id);

    await expect(md.instance).toContainText('alpha-vm1');
    await expect(md.instance).toContainText('config drive');
    await expect(md.instance.getByRole('list', { name: 'Notes' })).toContainText('cloud-init reads it');
    const routerPath = md.path(/^10\.0\.0\.10 via router alpha-router/);
    await expect(routerPath).toBeVisible();
    await expect(md.paths.getByText('lands on this instance', { exact: true })).toHaveCount(4);
    // No secret yet: say what is missing and show what the compute API offers.
    const missing = md.main.getByText('Documents need the metadata settings');
    await expect(missing).toBeVisible();
    await expect(md.novaApi).toContainText('lab-role');
    await expect(md.novaApi.getByLabel('user_data from the compute API')).toContainText('#cloud-config');
    await missing.scrollIntoViewIfNeeded();
    await shell.screenshots('metadata-no-secret');

    // Every path lands, so all are closed; opening one shows its trace with each Neutron query.
    await routerPath.click();
    await expect(md.paths.getByLabel('Neutron request').first()).toContainText('GET /v2.0/ports?device_id=');
    await expect(md.paths.getByLabel('Trace steps').first()).toContainText('router-networks');
    // The project by the name Keystone gave the lookup, its id at hand: "alpha (bb3e…)".
    const projectName = Object.keys(ids.projects).find((name) => ids.projects[name] === vm.projectId);
    expect(projectName, 'the lab names the project of alpha-vm1').toBeTruthy();
    const project = `${projectName} (${vm.projectId.slice(0, 4)}\u2026)`;
    await expect(md.instance).toContainText(project);
    await expect(md.paths.getByLabel('Resources in this trace').first()).toContainText(project);
    await routerPath.scrollIntoViewIfNeeded();
    await shell.screenshots('metadata-trace');
    await routerPath.click();

    await md.saveSettings({ url: ids.recorderUrl, secret: lab.topology.metadataSecret });
    await expect(md.settingsSummary).toContainText('a secret is stored');
    await expect(md.documents).toBeVisible();
    await expect(md.documentContent()).toContainText(`"uuid": "${vm.id}"`);
    // Who the documents were fetched as, by name with the ids at hand.
    await expect(md.documents).toContainText(`as alpha-vm1 (${vm.id.slice(0, 4)}\u2026) in project ${project}`);
    await md.documents.getByText('user_data', { exact: true }).click();
    await expect(md.documentContent()).toContainText('#cloud-config');
    await expect(md.documentContent()).toContainText('hostname: alpha-vm1');
    await shell.screenshots('metadata-documents');

    await md.documents.getByRole('button', { name: 'Save bytes…' }).click();
    await expect(md.documents.getByText(/Saved \d+ B to/)).toBeVisible();
    expect(readFileSync(savedUserData, 'utf8')).toMatch(/^#cloud-config\nhostname: alpha-vm1\n/);

    await md.documents.getByRole('tab', { name: /EC2/ }).click();
    await md.documents.getByText('meta-data/local-ipv4', { exact: true }).click();
    await expect(md.documentContent()).toHaveText(vm.ip);

    // The shared secret crossed once, renderer -> main, in the form's save request; never back, never logged.
    const carrying = app.recorder.entries.filter((e) =>
      JSON.stringify(e.payload).includes(lab.topology.metadataSecret),
    );
    expect(carrying.map((e) => `${e.direction} ${e.channel}`)).toEqual(['request metadata:saveConfig']);
    expect(app.logs.join('\n')).not.toContain(lab.topology.metadataSecret);
  });

  test('a wrong shared secret is explained as a mismatch with nova (403)', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await connectCloud(app);
    const shell = new AppPage(app.page);
    const md = new MetadataPage(app.page);
    await md.goto();
    await md.lookUp(ids.instances['beta-vm1'].id);
    await md.saveSettings({ url: ids.recorderUrl, secret: 'not-the-lab-secret' });
    const alert = md.main.getByRole('alert').filter({ hasText: 'nova-api-metadata did not serve the documents' });
    await expect(alert).toContainText('rejected the signature (403)');
    await expect(alert).toContainText('differs from nova');
    await expect(alert).toContainText('metadata_proxy_shared_secret');
    await expect(alert).toContainText('FORBIDDEN');
    await alert.scrollIntoViewIfNeeded();
    await shell.screenshots('metadata-403');
  });

  test('the topology\'s "Metadata lookup" opens the instance here', async ({ app }) => {
    await connectCloud(app);
    const topo = new TopologyPage(app.page);
    await topo.goto();
    await topo.toolbar.getByRole('switch', { name: 'All projects' }).click();
    await topo.searchFor('beta-vm2');
    await topo
      .hit(/instance beta-vm2/)
      .first()
      .click();
    await topo.details.getByRole('button', { name: 'beta-vm2' }).click();
    await topo.details.getByRole('button', { name: 'Metadata lookup' }).click();
    const md = new MetadataPage(app.page);
    await expect(md.heading()).toBeVisible();
    await expect(md.instance).toContainText('beta-vm2');
    await expect(md.path(/^192\.168\.10\.10 via router beta-router/)).toBeVisible();
    await expect(md.paths.getByText('lands on this instance', { exact: true }).first()).toBeVisible();
  });

  test('an ad-hoc resolution shows the refusal where the agent would search the whole cloud', async ({ app }) => {
    await connectCloud(app);
    const md = new MetadataPage(app.page);
    await md.goto();
    const panel = md.main.getByRole('region', { name: 'Resolve an address' });
    await panel.getByRole('textbox', { name: 'Instance address' }).fill('192.168.10.10');
    const router = panel.getByRole('textbox', { name: 'Router' });
    await router.fill('00000000-0000-4000-8000-00000000dead');
    await router.press('Enter'); // "Use the id": not in the topology
    await panel.getByRole('button', { name: 'Resolve' }).click();
    await expect(panel.getByLabel('Resolution trace')).toContainText('Refused (UNSAFE_REFUSED)');
    await expect(panel).toContainText('The real agent: The agent only adds a network_id filter');
  });
  test('pickers: an instance by name, a router by name; traces name what they pass through', async ({ app, lab }) => {
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    await connectCloud(app);
    const md = new MetadataPage(app.page);
    await md.goto();
    // 10.0.0.10 is two instances on two networks: both are offered, each with its project.
    await md.instancePicker.fill('10.0.0.10');
    await expect(app.page.getByRole('option', { name: 'alpha-vm1, alpha' })).toBeVisible();
    await expect(app.page.getByRole('option', { name: 'beta-vm1, beta' })).toBeVisible();
    await md.pick('beta-vm', 'beta-vm2, beta');
    await expect(md.instance).toContainText('beta-vm2');
    await expect(md.instance).toContainText(`beta-vm2 (${ids.instances['beta-vm2'].id.slice(0, 4)}\u2026)`);
    await expect(md.instancePicker).toHaveValue(`beta-vm2 (${ids.instances['beta-vm2'].id.slice(0, 4)}\u2026)`);

    const panel = md.main.getByRole('region', { name: 'Resolve an address' });
    await panel.getByRole('textbox', { name: 'Instance address' }).fill('10.0.0.11');
    await panel.getByRole('textbox', { name: 'Router' }).fill('alpha');
    await app.page.getByRole('option', { name: /^alpha-router, / }).click();
    await panel.getByRole('button', { name: 'Resolve' }).click();
    const names = panel.getByLabel('Resources in this trace');
    await expect(names).toContainText('Via router');
    await expect(names).toContainText('alpha-router (');
    await expect(names).toContainText('Instance');
    await expect(names).toContainText('alpha-vm2 (');
    await expect(names).toContainText('alpha');
    await md.main.screenshot({ path: test.info().outputPath('metadata-pickers.png') });
  });
});
