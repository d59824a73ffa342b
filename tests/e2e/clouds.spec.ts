/// <reference lib="dom" />
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './fixtures';
import { labDir } from './harness/lab';
import { AppPage } from './pages/app-page';
import { CloudsPage } from './pages/clouds-page';

/** Files the no-lab specs import: written once, before any service reads them. */
const filesDir = mkdtempSync(join(tmpdir(), 'stacklens-e2e-files-'));
const goodClouds = join(filesDir, 'clouds.yaml');
const brokenClouds = join(filesDir, 'broken-clouds.yaml');
/** The lab's clouds.yaml without its secure.yaml: written by the test that picks it. */
const bareClouds = join(filesDir, 'bare-clouds.yaml');
writeFileSync(
  goodClouds,
  [
    'clouds:',
    '  nowhere:',
    '    auth:',
    '      auth_url: http://127.0.0.1:9/v3', // loopback port 9 (discard): nothing listens
    '      username: demo',
    '      user_domain_name: Default',
    '      project_name: demo',
    '      project_domain_name: Default',
    '    region_name: RegionOne',
    '  no-url:',
    '    auth:',
    '      username: demo',
    '',
  ].join('\n'),
);
writeFileSync(
  brokenClouds,
  ['clouds:', '  prod:', '    auth:', '      auth_url: [http://unclosed', '      username: x', ''].join('\n'),
);

/** Imports every cloud discovery finds, through the bridge (the dialog itself has its own spec). */
async function importDiscovered(app: AppHarness): Promise<void> {
  const result = await app.page.evaluate(() =>
    (
      window as unknown as { api: { clouds: { importDiscovered(r: object): Promise<{ ok: boolean }> } } }
    ).api.clouds.importDiscovered({}),
  );
  expect(result.ok).toBe(true);
  await app.open();
}

test.describe('clouds, without the lab', () => {
  test.use({ appEnv: { OS_CLIENT_CONFIG_FILE: goodClouds } });

  test('a first start shows the welcome state', async ({ app }) => {
    const shell = new AppPage(app.page);
    const clouds = new CloudsPage(app.page, app.dialogs);
    await expect(clouds.welcome.getByRole('heading', { name: 'Welcome to StackLens' })).toBeVisible();
    await expect(clouds.welcome.getByRole('button', { name: /Import clouds/ })).toBeVisible();
    await expect(clouds.welcome.getByRole('button', { name: /Add a cloud/ })).toBeVisible();
    await expect(shell.sessionBadge).toHaveAccessibleName('Active session: none');
    await expect(shell.cloudStatus).toContainText('No cloud configured yet.');
    await shell.screenshots('welcome');
  });

  test('discovery says which file and variable it used, and why a cloud cannot be imported', async ({ app }) => {
    const clouds = new CloudsPage(app.page, app.dialogs);
    const dialog = await clouds.openImport();
    await expect(dialog.files).toContainText(goodClouds);
    await expect(dialog.files).toContainText('found via OS_CLIENT_CONFIG_FILE');
    await expect(dialog.environment.getByText('OS_CLIENT_CONFIG_FILE')).toBeVisible();
    await expect(dialog.cloudCheckbox('nowhere')).toBeChecked();
    await expect(dialog.cloudCheckbox('no-url')).toBeDisabled();
    await expect(dialog.clouds).toContainText(/no-url[\s\S]*auth_url/);
    await dialog.importSelected();
    await expect(dialog.result()).toContainText('Imported: nowhere.');
    await dialog.close();
    await expect(clouds.card('nowhere').root).toContainText('http://127.0.0.1:9/v3');
  });

  test.describe('a file chosen in the native dialog', () => {
    test.use({ dialogAnswers: { open: [brokenClouds] } });
    test('a broken file names the file and the line', async ({ app }) => {
      const clouds = new CloudsPage(app.page, app.dialogs);
      const dialog = await clouds.openImport();
      await dialog.importChosenFile();
      expect(app.dialogs.asked).toEqual([{ kind: 'open', title: 'Import clouds.yaml or openrc' }]);
      const error = dialog.root.getByRole('alert').filter({ hasText: 'The file was not imported' });
      await expect(error).toContainText(brokenClouds);
      await expect(error).toContainText(/line \d+/);
      await expect(error).toContainText('CONFIG_INVALID');
    });
  });

  test('a cloud nobody answers for fails with UNREACHABLE, names the URL, and can be removed', async ({ app }) => {
    await importDiscovered(app);
    const shell = new AppPage(app.page);
    const card = new CloudsPage(app.page, app.dialogs).card('nowhere');
    await card.connect();
    const prompt = card.passwordPrompt('nowhere');
    await prompt.submit('not-a-real-password', false, 'accept');
    await expect(prompt.error()).toContainText('UNREACHABLE');
    await expect(prompt.error()).toContainText('127.0.0.1:9');
    await prompt.root.getByRole('button', { name: 'Cancel' }).click();
    await expect(card.status()).toHaveAccessibleName('Connection failed');
    await expect(shell.cloudNavItem('nowhere')).toHaveAccessibleName('nowhere, Connection failed');
    await card.remove('nowhere');
    await expect(new CloudsPage(app.page, app.dialogs).welcome).toBeVisible();
  });

  test('the add form checks its fields before anything is sent', async ({ app }) => {
    const form = await new CloudsPage(app.page, app.dialogs).openAddForm();
    await form.fill({ Name: '', 'Auth URL (Keystone v3)': 'keystone:5000' });
    await form.submit();
    await expect(form.root).toContainText('Give the cloud a name');
    await expect(form.root).toContainText('Use an http:// or https:// URL');
    await expect(form.root).toContainText('A password login needs a username');
    expect(app.recorder.channels('request')).not.toContain('clouds:save');
  });
});

test.describe('discovery shows TLS terms', () => {
  const tlsClouds = join(filesDir, 'tls-clouds.yaml');
  writeFileSync(
    tlsClouds,
    [
      'clouds:',
      '  lax:',
      '    verify: false',
      '    auth: { auth_url: "https://keystone.lax.example:5000/v3", username: u, project_name: p }',
      '  pinned:',
      '    cacert: /etc/openstack/pinned-ca.pem',
      '    auth: { auth_url: "https://admin:hunter2@keystone.pinned.example/v3", username: u, project_name: p }',
      '',
    ].join('\n'),
  );
  test.use({ appEnv: { OS_CLIENT_CONFIG_FILE: tlsClouds } });

  test('verify: false is flagged; a CA bundle is named; user:pass@ never shows', async ({ app }) => {
    const dialog = await new CloudsPage(app.page, app.dialogs).openImport();
    await expect(dialog.cloudCheckbox('lax')).toHaveAccessibleName(/TLS not verified/);
    await expect(dialog.endpoint('lax')).toHaveText('https://keystone.lax.example:5000/v3 · TLS not verified');
    await expect(dialog.cloudCheckbox('pinned')).not.toHaveAccessibleName(/plain http|TLS not verified/);
    await expect(dialog.endpoint('pinned')).toHaveText(
      'https://keystone.pinned.example/v3 · TLS verified with CA /etc/openstack/pinned-ca.pem',
    );
    await expect(dialog.root).not.toContainText('hunter2');
  });
});

test.describe('clouds against the lab', () => {
  test.use({
    appEnv: {
      OS_CLIENT_CONFIG_FILE: join(labDir, 'clouds.yaml'),
      OS_CLIENT_SECURE_FILE: join(labDir, 'secure.yaml'),
    },
  });

  test('imports the lab clouds.yaml through discovery', async ({ app, lab }) => {
    const shell = new AppPage(app.page);
    const clouds = new CloudsPage(app.page, app.dialogs);
    const dialog = await clouds.openImport();
    await expect(dialog.files).toContainText(lab.topology.files['clouds.yaml']);
    await expect(dialog.files).toContainText('found via OS_CLIENT_CONFIG_FILE');
    await expect(dialog.files).toContainText(lab.topology.files['secure.yaml']);
    // Every lab cloud: its auth URL and TLS terms, and the plain-http warning (issue 11, item 5).
    for (const name of lab.topology.clouds) {
      await expect(dialog.cloudCheckbox(name)).toBeChecked();
      await expect(dialog.cloudCheckbox(name)).toHaveAccessibleName(/plain http:\/\//);
      await expect(dialog.cloudCheckbox(name)).not.toHaveAccessibleName(/TLS not verified/);
      await expect(dialog.endpoint(name)).toHaveText(`${lab.topology.authUrl} · no TLS`);
    }
    await shell.screenshots('import-dialog', dialog.root);
    await dialog.importSelected();
    await expect(dialog.result()).toContainText(`Imported: ${lab.topology.clouds.join(', ')}.`);
    await dialog.close();
    for (const name of lab.topology.clouds) await expect(clouds.card(name).root).toBeVisible();
    await clouds.card('lab-alice').showDetails();
    await expect(clouds.card('lab-alice').root).toContainText('Password in the vault');
  });

  test('connects lab-alice and shows who is signed in where', async ({ app, lab }) => {
    await importDiscovered(app);
    const shell = new AppPage(app.page);
    const card = new CloudsPage(app.page, app.dialogs).card('lab-alice');
    await card.connect('accept');
    await expect(card.status()).toHaveAccessibleName('Connected');
    await expect(shell.sessionBadge).toHaveAccessibleName(
      new RegExp(`lab-alice: alice @ alpha, ${lab.topology.region}, expires in`),
    );
    await expect(shell.cloudNavItem('lab-alice')).toHaveAccessibleName('lab-alice, Connected');
    await expect(card.projectSelect()).toHaveValue('alpha');
    expect(app.tokens.tokens.size, 'Keystone issued a token to main').toBeGreaterThan(0);
    await app.page.getByRole('main').evaluate((main) => main.scrollTo(0, 0));
    await shell.screenshots('clouds-connected');
  });

  test('main warns before a password goes over plain http; declined, Keystone sees nothing', async ({ app }) => {
    await importDiscovered(app);
    const card = new CloudsPage(app.page, app.dialogs).card('lab-alice');
    await card.connect('decline');
    await expect
      .poll(() => app.dialogs.asked.filter((a) => a.kind === 'confirm').map((a) => a.title))
      .toEqual(['Insecure connection']);
    await expect(card.status()).toHaveAccessibleName('Not connected');
    await expect(card.error()).toHaveCount(0);
    expect(app.tokens.tokens.size, 'Keystone issued no token').toBe(0);
    // The lab is plain http: "Connect anyway" is how an admin works with it.
    await card.connect('accept');
    await expect(card.status()).toHaveAccessibleName('Connected');
    expect(app.dialogs.asked.filter((a) => a.kind === 'confirm')).toHaveLength(2);
  });

  test('the table filters; a refused stored password asks for the new one', async ({ app, lab }) => {
    await importDiscovered(app);
    const shell = new AppPage(app.page);
    const clouds = new CloudsPage(app.page, app.dialogs);
    await expect(clouds.card('lab-alice').root).toContainText(lab.topology.authUrl);
    await clouds.filter().fill('bob');
    await expect(clouds.list.getByRole('rowgroup', { name: /^Cloud / })).toHaveCount(1);
    await expect(clouds.card('lab-bob').root).toBeVisible();
    await clouds.filter().fill('');
    await expect(clouds.list.getByRole('rowgroup', { name: /^Cloud / })).toHaveCount(lab.topology.clouds.length);
    // The stored password goes stale (rotated elsewhere): set from main, as the vault would hold it.
    const bob = app.services.clouds.list().find((c) => c.name === 'lab-bob');
    app.services.clouds.rememberSecret(bob?.id ?? '', 'rotated-away');
    const card = clouds.card('lab-bob');
    await card.connect('accept');
    await expect(card.status()).toHaveAccessibleName('Connection failed');
    await expect(card.error()).toContainText('AUTH_FAILED');
    // No "Try again" with the same stored password: the action is to enter the new one.
    await expect(card.root.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await shell.screenshots('clouds-table-refused');
    await card.newPasswordButton().click();
    const prompt = card.passwordPrompt('lab-bob');
    await expect(prompt.root).toContainText('it replaces the stored one');
    await expect(prompt.root.getByRole('checkbox', { name: /Remember in the vault/ })).toBeChecked();
    await prompt.root.getByRole('textbox', { name: 'Password' }).fill(lab.topology.users.bob.password);
    app.dialogs.willConfirm(true);
    await prompt.root.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(prompt.root).toBeHidden();
    await expect(card.status()).toHaveAccessibleName('Connected');
    // Remembered: the new password replaced the refused one in the vault.
    expect(app.services.clouds.secret(bob?.id ?? '')).toBe(lab.topology.users.bob.password);
    await clouds.card('lab-alice').connect('accept');
    await expect(clouds.card('lab-alice').status()).toHaveAccessibleName('Connected');
    await app.page.getByRole('main').evaluate((main) => main.scrollTo(0, 0));
    await shell.screenshots('clouds-table');
  });

  test('switches the project of lab-admin', async ({ app, lab }) => {
    await importDiscovered(app);
    const shell = new AppPage(app.page);
    const card = new CloudsPage(app.page, app.dialogs).card('lab-admin');
    await card.connect('accept');
    await expect(card.status()).toHaveAccessibleName('Connected');
    await expect(card.projectSelect()).toHaveValue('admin');
    // The choices are what Keystone itself says admin may scope to (asked directly, not a fixture).
    const projects = await keystoneProjects(lab.topology.authUrl, 'admin', lab.topology.users.admin.password);
    await card.projectSelect().click();
    await expect(app.page.getByRole('option')).toHaveText(projects);
    await app.page.keyboard.press('Escape');
    // The seed makes admin a member of alpha and beta too (tests/lab/seed/identity.py): a lab
    // without them is broken, and this test fails rather than skip.
    const others = projects.filter((name) => name !== 'admin');
    expect(others, `projects Keystone lists for admin: ${projects.join(', ')}`).toContain('alpha');
    const target = others[0];
    await card.switchProject(target);
    await expect(card.projectSelect()).toHaveValue(target);
    await expect(shell.sessionBadge).toHaveAccessibleName(new RegExp(`admin @ ${target}`));
  });

  test('switches lab-admin-domain from its domain scope to a project', async ({ app, lab }) => {
    await importDiscovered(app);
    const shell = new AppPage(app.page);
    const clouds = new CloudsPage(app.page, app.dialogs);
    await shell.cloudNavItem('lab-admin-domain').click();
    const card = clouds.card('lab-admin-domain');
    await card.connect('accept');
    await expect(card.status()).toHaveAccessibleName('Connected');
    await expect(shell.sessionBadge).toHaveAccessibleName(/lab-admin-domain: admin @ domain Default/);
    await expect(card.projectSelect()).toHaveValue('');
    const projects = await keystoneProjects(lab.topology.authUrl, 'admin', lab.topology.users.admin.password);
    await card.switchProject(projects[0]);
    await expect(card.projectSelect()).toHaveValue(projects[0]);
    await expect(shell.sessionBadge).toHaveAccessibleName(new RegExp(`lab-admin-domain: admin @ ${projects[0]},`));
  });

  test.describe('a clouds.yaml chosen in the native dialog', () => {
    test.use({ dialogAnswers: { open: [bareClouds] } });
    test('a wrong password is refused with the cause and the fix, the right one connects', async ({ app, lab }) => {
      // The lab's clouds.yaml alone, without the secure.yaml beside it: the clouds have no password.
      copyFileSync(lab.topology.files['clouds.yaml'], bareClouds);
      // The harness's native open dialog answers with bareClouds (dialogAnswers above).
      const imported = await app.page.evaluate(() =>
        (
          window as unknown as { api: { clouds: { importFile(r: object): Promise<{ ok: boolean }> } } }
        ).api.clouds.importFile({ kind: 'clouds' }),
      );
      expect(imported.ok).toBe(true);
      await app.open();
      const shell = new AppPage(app.page);
      const card = new CloudsPage(app.page, app.dialogs).card('lab-bob');
      await expect(card.root).toContainText('No secret stored');
      await card.connect();
      const prompt = card.passwordPrompt('lab-bob');
      await expect(prompt.root).toContainText('lab-bob has no password stored');
      await prompt.submit('wrong-password', false, 'accept');
      await expect(prompt.error()).toContainText('AUTH_FAILED');
      await expect(prompt.error()).toContainText('How to fix:');
      await expect(prompt.error()).not.toContainText('wrong-password');
      await shell.screenshots('wrong-password', prompt.root);
      await prompt.submit(lab.topology.users.bob.password, true, 'accept');
      await expect(prompt.root).toBeHidden();
      await expect(card.status()).toHaveAccessibleName('Connected');
      await expect(card.root).toContainText('Secret stored');
    });
  });

  test('a cloud added by hand with a wrong password shows the error on its card', async ({ app, lab }) => {
    const clouds = new CloudsPage(app.page, app.dialogs);
    const form = await clouds.openAddForm();
    await form.fill({
      Name: 'typo-alice',
      'Auth URL (Keystone v3)': lab.topology.authUrl,
      Username: 'alice',
      'Project name': 'alpha',
    });
    await form.secret('not-alices-password');
    await form.submit();
    await expect(form.root).toBeHidden();
    const card = clouds.card('typo-alice');
    await card.connect('accept');
    await expect(card.status()).toHaveAccessibleName('Connection failed');
    await expect(card.error()).toContainText('AUTH_FAILED');
    await expect(card.error()).toContainText('alice');
    await new AppPage(app.page).screenshots('wrong-password-card', card.root);
  });

  test('no secret of the lab and no issued token ever reaches the renderer', async ({ app, lab }) => {
    await importDiscovered(app);
    const clouds = new CloudsPage(app.page, app.dialogs);
    // Passwords and an application credential secret go to Keystone; none may come back.
    for (const name of ['lab-alice', 'lab-admin', 'lab-alice-appcred']) {
      await clouds.card(name).connect('accept');
      await expect(clouds.card(name).status()).toHaveAccessibleName('Connected');
    }
    await clouds.card('lab-admin').projectSelect().click();
    await app.page.keyboard.press('Escape');
    await clouds.card('lab-alice').disconnect();
    await expect(clouds.card('lab-alice').status()).toHaveAccessibleName('Not connected');

    expect(app.tokens.tokens.size, 'tokens Keystone issued to main').toBeGreaterThanOrEqual(3);
    const recorded = app.recorder.entries;
    expect(recorded.filter((e) => e.direction === 'event').map((e) => e.channel)).toContain('session:changed');
    // Main -> renderer: nothing secret at all.
    expect(app.recorder.leaks([...lab.secrets, ...app.tokens.tokens])).toEqual([]);
    // Renderer -> main: the renderer never typed or held a secret in this flow either.
    expect(app.recorder.leaks([...lab.secrets, ...app.tokens.tokens], 'all')).toEqual([]);
  });
});

/** Project names a user may scope to, from Keystone itself (GET /v3/auth/projects). */
async function keystoneProjects(authUrl: string, user: string, password: string): Promise<string[]> {
  const auth = await fetch(`${authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
      },
    }),
  });
  const token = auth.headers.get('x-subject-token');
  if (!token) throw new Error(`Keystone refused ${user}: HTTP ${auth.status}`);
  const res = await fetch(`${authUrl}/auth/projects`, { headers: { 'X-Auth-Token': token } });
  const body = (await res.json()) as { projects: Array<{ name: string }> };
  return body.projects.map((p) => p.name).sort();
}
