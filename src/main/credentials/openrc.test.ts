import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenrc, parseOpenrc } from './openrc';

/** What Horizon's "OpenStack RC File" download looks like (v3, password read at a prompt). */
const HORIZON = `#!/usr/bin/env bash
# To use an OpenStack cloud you need to authenticate against the Identity
# service named keystone, which returns a **Token** and **Service Catalog**.
export OS_AUTH_URL=http://127.0.0.1:5000/v3
# With the addition of Keystone we have standardized on the term **project**
export OS_PROJECT_ID=0123456789abcdef
export OS_PROJECT_NAME="alpha"
export OS_USER_DOMAIN_NAME="Default"
if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi
export OS_PROJECT_DOMAIN_ID="default"
if [ -z "$OS_PROJECT_DOMAIN_ID" ]; then unset OS_PROJECT_DOMAIN_ID; fi
# unset v2.0 items in case set
unset OS_TENANT_ID
unset OS_TENANT_NAME
# In addition to the owning entity (tenant), OpenStack stores the entity
# performing the action as the **user**.
export OS_USERNAME="alice"
# With Keystone you pass the keystone password.
echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "
read -sr OS_PASSWORD_INPUT
export OS_PASSWORD=$OS_PASSWORD_INPUT
# If your configuration has multiple regions, we set that information here.
export OS_REGION_NAME="RegionOne"
# Don't leave a blank variable, unset it if it was empty
if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi
export OS_INTERFACE=public
export OS_IDENTITY_API_VERSION=3
`;

describe('parseOpenrc', () => {
  it('expands only variables the file set: $constructor and $__proto__ are nothing', () => {
    const parsed = parseOpenrc(
      'export OS_AUTH_URL=http://k/v3\nexport OS_USERNAME=$constructor\nexport OS_PROJECT_NAME="p${__proto__}${toString}"\n',
    );
    expect(parsed.vars.OS_PROJECT_NAME).toBe('p');
    expect(parsed.vars.OS_USERNAME).toBeUndefined();
    expect(JSON.stringify(parsed)).not.toMatch(/function|native code|\[object/);
  });

  it("reads Horizon's file without the prompted password", () => {
    const r = parseOpenrc(HORIZON);
    expect(r.vars).toEqual({
      OS_AUTH_URL: 'http://127.0.0.1:5000/v3',
      OS_PROJECT_ID: '0123456789abcdef',
      OS_PROJECT_NAME: 'alpha',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_ID: 'default',
      OS_USERNAME: 'alice',
      OS_REGION_NAME: 'RegionOne',
      OS_INTERFACE: 'public',
      OS_IDENTITY_API_VERSION: '3',
    });
    expect(r.promptsForPassword).toBe(true);
    expect(r.notes.join('\n')).toMatch(/OS_PASSWORD comes from \$OS_PASSWORD_INPUT/);
  });

  it.each<[string, string, Record<string, string>]>([
    ['single quotes are literal', `export OS_PASSWORD='pa$$ "w"'`, { OS_PASSWORD: 'pa$$ "w"' }],
    ['double quotes with escapes', 'export OS_PASSWORD="a\\"b\\\\c"', { OS_PASSWORD: 'a"b\\c' }],
    ['no export keyword', 'OS_USERNAME=bob', { OS_USERNAME: 'bob' }],
    [
      'several on one line',
      'export OS_USERNAME=bob OS_PROJECT_NAME=beta',
      { OS_USERNAME: 'bob', OS_PROJECT_NAME: 'beta' },
    ],
    ['trailing comment', 'export OS_REGION_NAME=R1 # the region', { OS_REGION_NAME: 'R1' }],
    [
      'expansion of an earlier variable',
      'BASE=http://k:5000\nexport OS_AUTH_URL=${BASE}/v3',
      { OS_AUTH_URL: 'http://k:5000/v3' },
    ],
    ['statements joined by ;', 'export OS_USERNAME=a; export OS_PASSWORD=b', { OS_USERNAME: 'a', OS_PASSWORD: 'b' }],
    ['line continuation', 'export OS_AUTH_URL=\\\nhttp://k/v3', { OS_AUTH_URL: 'http://k/v3' }],
    ['later unset removes', 'export OS_TENANT_NAME=x\nunset OS_TENANT_NAME', {}],
    ['non-OS variables are not kept', 'export HTTP_PROXY=http://p\nexport OS_USERNAME=a', { OS_USERNAME: 'a' }],
    ['command substitution is not run', 'export OS_PASSWORD=$(cat /etc/shadow)', {}],
  ])('%s', (_n, text, vars) => {
    expect(parseOpenrc(text).vars).toEqual(vars);
  });

  it('app credential openrc loads as a v3applicationcredential cloud', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-rc-'));
    const path = join(dir, 'app-cred-ci-openrc.sh');
    writeFileSync(
      path,
      [
        '#!/usr/bin/env bash',
        'export OS_AUTH_TYPE=v3applicationcredential',
        'export OS_AUTH_URL=http://127.0.0.1:5000/v3',
        'export OS_IDENTITY_API_VERSION=3',
        'export OS_REGION_NAME="RegionOne"',
        'export OS_INTERFACE=public',
        'export OS_APPLICATION_CREDENTIAL_ID=ac123',
        'export OS_APPLICATION_CREDENTIAL_SECRET=s3cr3t',
      ].join('\n'),
    );
    const { config } = await loadOpenrc(path);
    expect(config).toMatchObject({
      name: 'app-cred-ci',
      authType: 'v3applicationcredential',
      applicationCredentialId: 'ac123',
      secret: 's3cr3t',
      regionName: 'RegionOne',
      source: path,
    });
  });

  it("Horizon's openrc loads as a password cloud with no secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-rc-'));
    const path = join(dir, 'alpha-openrc.sh');
    writeFileSync(path, HORIZON);
    const { config, notes } = await loadOpenrc(path);
    expect(config).toMatchObject({
      name: 'alpha',
      authType: 'password',
      username: 'alice',
      projectId: '0123456789abcdef',
      projectDomainId: 'default',
    });
    expect(config.secret).toBeUndefined();
    expect(notes.join(' ')).toMatch(/asked for it when connecting/);
  });

  it('a file without OS_* variables is CONFIG_INVALID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-rc-'));
    const path = join(dir, 'x.sh');
    writeFileSync(path, 'echo hello\n');
    await expect(loadOpenrc(path)).rejects.toThrow(/sets no OS_\* variables/);
  });
});
