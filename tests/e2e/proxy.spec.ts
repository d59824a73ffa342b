/// <reference lib="dom" />
/**
 * The Metadata proxy page in the browser harness, against the lab: create a listener from the app,
 * start it, send requests from node http (as cloud-init or curl would), watch the live log, open a
 * request's trace, stop it; the non-loopback warning; screenshots light and dark.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { test, expect } from './fixtures';
import { connectCloud } from './harness/connect';
import { httpGet } from './harness/http';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { ProxyPage } from './pages/proxy-page';

interface LabIds {
  instances: Record<string, { id: string; projectId: string }>;
  routers: Record<string, { id: string }>;
  recorderUrl: string;
  metadataSecret: string;
}

/** Where main's save dialog (answered by the harness) puts the exported log. */
const exportPath = join(tmpdir(), `stacklens-e2e-proxy-log-${process.pid}.jsonl`);

test.use({
  appEnv: { OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml') },
  labServices: ['metadata', 'nova'],
  dialogAnswers: { save: [exportPath] },
});
test.afterAll(() => rmSync(exportPath, { force: true }));

/** "(716a…)": the id hint after a name. */
const hint = (id: string) => `(${id.slice(0, 4)}\u2026)`;

test.describe('metadata proxy', () => {
  test('create, start, watch the log, open a trace, stop; light and dark', async ({ app, lab }) => {
    // Two listeners, 45 requests through the lab and five light/dark screenshot pairs.
    test.setTimeout(180_000);
    const ids = JSON.parse(readFileSync(lab.topology.files['topology.json'], 'utf8')) as LabIds;
    const vm = ids.instances['alpha-vm1'];
    // Session and metadata settings in main (their own pages have their own specs).
    await connectCloud(app, 'lab-admin', {
      beforeOpen: ({ id }) =>
        app.services.metadataConfig.save({
          cloudId: id,
          novaMetadataUrl: ids.recorderUrl,
          secret: lab.topology.metadataSecret,
        }),
    });

    const shell = new AppPage(app.page);
    const proxy = new ProxyPage(app.page);
    await proxy.goto();
    await expect(proxy.main.getByRole('region', { name: 'No listeners' })).toContainText('binds 127.0.0.1');
    await shell.screenshots('proxy-empty');

    // An instance-mode listener for cloud-init on this machine, made in the form.
    let form = await proxy.openNewListenerForm();
    await form.getByRole('textbox', { name: 'Name' }).fill('cloud-init alpha-vm1');
    // Picked by name over the loaded topology; the project is filled in, no UUID typed.
    await proxy.pick(form, 'Instance', 'alpha-vm1', 'alpha-vm1, alpha');
    await expect(form.getByRole('textbox', { name: 'Instance' })).toHaveValue(`alpha-vm1 (${vm.id.slice(0, 4)}\u2026)`);
    await expect(form.getByRole('group', { name: 'Answer as' })).toContainText(
      `alpha (${vm.projectId.slice(0, 4)}\u2026)`,
    );
    await shell.screenshots('proxy-form-instance', app.page.getByRole('dialog'));
    await form.getByRole('button', { name: 'Create listener' }).click();
    await expect(form).toBeHidden();
    const instanceUrl = await proxy.start('cloud-init alpha-vm1');
    // Names where ids were, each with its id at hand.
    await expect(proxy.card('cloud-init alpha-vm1')).toContainText(
      `Instance alpha-vm1 ${hint(vm.id)} in project alpha ${hint(vm.projectId)}`,
    );
    await expect(proxy.card('cloud-init alpha-vm1')).toContainText(
      `curl ${instanceUrl}/openstack/latest/meta_data.json`,
    );

    // A namespace listener on alpha-router behind a trusted upstream (the test plays haproxy).
    form = await proxy.openNewListenerForm();
    await form.getByRole('textbox', { name: 'Name' }).fill('alpha-router namespace');
    await proxy.chooseMode(form, 'Namespace (haproxy + agent)');
    // By an interface address: the router owning 10.0.0.1 in project alpha.
    await proxy.pick(form, 'Router', '10.0.0.1', 'alpha-router, alpha');
    await form.getByRole('combobox', { name: 'Trusted upstreams' }).fill('127.0.0.1');
    await form.getByRole('combobox', { name: 'Trusted upstreams' }).press('Enter');
    await form.getByRole('button', { name: 'Create listener' }).click();
    await expect(form).toBeHidden();
    const namespaceUrl = await proxy.start('alpha-router namespace');
    const routerId = ids.routers['alpha-router'].id;
    await expect(proxy.card('alpha-router namespace')).toContainText(`router alpha-router ${hint(routerId)}`);

    // Traffic from node http, as cloud-init or curl would send it.
    const meta = await httpGet(`${instanceUrl}/openstack/latest/meta_data.json`);
    expect(JSON.parse(meta.body).uuid).toBe(vm.id);
    expect((await httpGet(`${instanceUrl}/openstack/latest/user_data`)).body).toMatch(/^#cloud-config/);
    expect((await httpGet(`${instanceUrl}/openstack/latest/nothing`)).status).toBe(404);
    for (let i = 0; i < 40; i += 1) await httpGet(`${instanceUrl}/openstack/latest/meta_data.json?n=${i}`);
    const viaRouter = await httpGet(`${namespaceUrl}/openstack/latest/meta_data.json`, {
      'X-Forwarded-For': '10.0.0.10',
      'X-Neutron-Router-ID': ids.routers['beta-router'].id,
    });
    expect(JSON.parse(viaRouter.body).uuid).toBe(vm.id);
    expect((await httpGet(`${namespaceUrl}/openstack`, { 'X-Forwarded-For': '10.0.0.99' })).status).toBe(404);

    // The live log: every request arrived, newest at the bottom (follow mode), counters on the cards.
    await expect(proxy.log).toContainText('45 requests');
    await expect(proxy.counter('cloud-init alpha-vm1', 'Requests')).toHaveAttribute('aria-label', 'Requests: 43');
    await expect(proxy.counter('alpha-router namespace', 'Unresolved')).toHaveAttribute('aria-label', 'Unresolved: 1');
    await expect(proxy.rows.last()).toContainText('10.0.0.99');
    await expect(proxy.rows.last()).toContainText('not-found');
    // Virtualized: far fewer rows in the DOM than requests in the log.
    expect(await proxy.rows.count()).toBeLessThan(40);

    await proxy.filter('user_data');
    await expect(proxy.log).toContainText('1 of 45 requests');
    await expect(proxy.rows).toHaveCount(1);
    await proxy.filter('10.0.0.10');
    await expect(proxy.rows).toHaveCount(1);
    await expect(proxy.rows.first()).toContainText(`alpha-vm1 ${hint(vm.id)}`);
    await expect(proxy.rows.first()).toContainText('alpha-router namespace');
    await shell.screenshots('proxy-log', proxy.log);
    await shell.screenshots('proxy-page');

    // Click through to the trace: the Neutron calls that decided the instance.
    await proxy.rows.first().click();
    await expect(proxy.drawer).toBeVisible();
    await expect(proxy.drawer.getByLabel('Trace steps')).toContainText('router-networks');
    await expect(proxy.drawer.getByLabel('Trace steps')).toContainText('GET /v2.0/ports?device_id=');
    await expect(proxy.drawer).toContainText(`alpha-vm1 ${hint(vm.id)}`);
    await expect(proxy.drawer).toContainText(`alpha-router ${hint(routerId)}`);
    await shell.screenshots('proxy-trace', proxy.drawer);

    // Copy as curl, then run what was copied: the listener answers it as it answered the entry.
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await proxy.drawer.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = await app.page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toBe(await proxy.drawer.getByLabel('curl command').textContent());
    expect(curl).toContain(`'X-Forwarded-For: 10.0.0.10' '${namespaceUrl}/openstack/latest/meta_data.json'`);
    const replay = await promisify(execFile)('bash', ['-c', curl], { timeout: 30_000 });
    expect(JSON.parse(replay.stdout).uuid).toBe(vm.id);
    await expect(proxy.log).toContainText('2 of 46 requests');
    await app.page.keyboard.press('Escape');
    await expect(proxy.drawer).toBeHidden();

    // A counter filters the log; the export writes what is shown, as JSON lines with traces.
    await proxy.filter('');
    await proxy.counter('alpha-router namespace', 'Unresolved').click();
    await expect(proxy.log).toContainText('1 of 46 requests');
    await expect(proxy.rows.first()).toContainText('10.0.0.99');
    await proxy.log.getByRole('button', { name: 'Export…' }).click();
    await expect(app.page.getByText('1 request written to')).toBeVisible();
    expect(app.dialogs.asked).toContainEqual({ kind: 'save', title: 'Export the request log' });
    const exported = readFileSync(exportPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ source: '10.0.0.99', status: 404, error: 'not-found', routerId });
    expect(exported[0].trace.outcome.kind).toBe('not-found');

    // Wider path column, then the router's link to its topology row and Back: the log view is as it was.
    const resizer = proxy.log.getByRole('separator', { name: 'Path column width' });
    const wider = String(Number(await resizer.getAttribute('aria-valuenow')) + 48);
    await resizer.press('ArrowRight');
    await resizer.press('ArrowRight');
    await expect(resizer).toHaveAttribute('aria-valuenow', wider);
    await shell.screenshots('proxy-log-filtered', proxy.log);
    await proxy
      .card('alpha-router namespace')
      .getByRole('button', { name: /^Show router alpha-router/ })
      .click();
    await expect(app.page.getByRole('main').getByRole('heading', { name: 'Topology', level: 2 })).toBeVisible();
    await app.page.keyboard.press('Alt+ArrowLeft');
    await expect(proxy.heading()).toBeVisible();
    await expect(proxy.log).toContainText('1 of 46 requests');
    await expect(proxy.log.getByLabel('Only Unresolved')).toBeVisible();
    await expect(resizer).toHaveAttribute('aria-valuenow', wider);
    await proxy.log.getByRole('button', { name: 'Show every status' }).click();

    await proxy.stop('cloud-init alpha-vm1');
    await expect(httpGet(`${instanceUrl}/openstack`)).rejects.toThrow(/ECONNREFUSED/);
    await proxy.filter('');
    await shell.screenshots('proxy-listeners');
  });

  test('binding a non-loopback address needs an explicit choice and carries a warning', async ({ app, lab }) => {
    // A cloud to pick in the form; no session is needed to save a listener.
    expect(lab.topology.clouds).toContain('lab-admin');
    await app.services.clouds.importDiscovered(['lab-admin']);
    await app.open();
    const shell = new AppPage(app.page);
    const proxy = new ProxyPage(app.page);
    await proxy.goto();
    const form = await proxy.openNewListenerForm();
    await form.getByRole('textbox', { name: 'Name' }).fill('exposed agent');
    await proxy.chooseMode(form, 'Agent socket');
    await form.getByRole('textbox', { name: 'Address' }).fill('0.0.0.0');
    await expect(
      form.getByRole('alert').filter({ hasText: 'Anyone who can reach this address gets metadata' }),
    ).toBeVisible();
    await form.getByRole('button', { name: 'Create listener' }).click();
    await expect(form.getByText(/Not a loopback address/)).toBeVisible();
    await shell.screenshots('proxy-form-exposed', app.page.getByRole('dialog'));
    await form.getByRole('checkbox', { name: 'Allow non-loopback address' }).check();
    await form.getByRole('button', { name: 'Create listener' }).click();
    await expect(form).toBeHidden();
    // Never started here (tests stay on loopback): the card warns anyway.
    await expect(proxy.card('exposed agent').getByRole('alert')).toContainText('anyone who can reach this address');
    // Starting it asks main's native dialog; the harness answers Cancel: nothing is bound.
    await proxy.card('exposed agent').getByRole('button', { name: 'Start' }).click();
    await expect(proxy.card('exposed agent')).toContainText('was not confirmed');
    expect(app.dialogs.asked).toContainEqual({ kind: 'confirm', title: 'Expose instance metadata on the network?' });
    await expect(proxy.card('exposed agent').getByLabel('State: Running')).toHaveCount(0);
  });
});
