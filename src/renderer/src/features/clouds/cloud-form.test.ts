import { describe, expect, it } from 'vitest';
import type { CloudSummary } from '@shared/models/cloud';
import { toCloudInput, toFormValues, validateCloudForm } from './cloud-form';

const stored: CloudSummary = {
  id: 'c1',
  name: 'lab-alice',
  authType: 'password',
  authUrl: 'http://127.0.0.1:5000/v3',
  source: '/var/tmp/stacklens-lab/clouds.yaml',
  username: 'alice',
  userDomainName: 'Default',
  projectName: 'alpha',
  projectDomainName: 'Default',
  regionName: 'RegionOne',
  interface: 'public',
  verify: true,
  hasSecret: true,
  secretLabel: 'Password',
};

describe('toFormValues', () => {
  it('pre-fills every stored field but never the secret', () => {
    const values = toFormValues(stored);
    expect(values).toMatchObject({
      name: 'lab-alice',
      username: 'alice',
      projectName: 'alpha',
      regionName: 'RegionOne',
    });
    expect(values.secret).toBe('');
  });
  it('starts a new cloud with the Default domains and TLS verification on', () => {
    expect(toFormValues()).toMatchObject({
      authType: 'password',
      userDomainName: 'Default',
      projectDomainName: 'Default',
      verify: true,
    });
  });
});

describe('toCloudInput', () => {
  it('round-trips a stored cloud without sending a secret (empty keeps the stored one)', () => {
    expect(toCloudInput(toFormValues(stored), 'c1')).toEqual({
      id: 'c1',
      name: 'lab-alice',
      authType: 'password',
      authUrl: 'http://127.0.0.1:5000/v3',
      username: 'alice',
      userDomainName: 'Default',
      projectName: 'alpha',
      projectDomainName: 'Default',
      regionName: 'RegionOne',
      interface: 'public',
      verify: true,
    });
  });

  it('trims text, keeps the secret exactly as typed', () => {
    const input = toCloudInput({
      ...toFormValues(),
      name: '  prod ',
      authUrl: ' https://k:5000/v3 ',
      username: ' bob ',
      secret: ' pa ss ',
    });
    expect(input).toMatchObject({ name: 'prod', authUrl: 'https://k:5000/v3', username: 'bob', secret: ' pa ss ' });
  });

  it('drops fields the auth type does not use', () => {
    const values = {
      ...toFormValues(stored),
      authType: 'v3applicationcredential' as const,
      applicationCredentialId: 'ac-1',
      secret: 's',
    };
    const input = toCloudInput(values);
    expect(input.applicationCredentialId).toBe('ac-1');
    expect(input.projectName).toBeUndefined();
    expect(input.projectDomainName).toBeUndefined();
    expect(toCloudInput({ ...values, authType: 'token' }).applicationCredentialId).toBeUndefined();
  });
});

describe('validateCloudForm', () => {
  it('accepts a complete password cloud', () => {
    expect(validateCloudForm(toFormValues(stored))).toEqual({});
  });
  it('names the missing name, URL and username', () => {
    const errors = validateCloudForm(toFormValues());
    expect(Object.keys(errors).sort()).toEqual(['authUrl', 'name', 'username']);
  });
  it.each(['keystone:5000', 'ftp://k/v3', 'http://'])('refuses the auth URL %s', (authUrl) => {
    expect(validateCloudForm({ ...toFormValues(stored), authUrl }).authUrl).toMatch(/http/);
  });
  it('wants an application credential ID, or a name with its owner', () => {
    const base = { ...toFormValues(stored), authType: 'v3applicationcredential' as const, username: '' };
    expect(validateCloudForm(base).applicationCredentialId).toBeDefined();
    expect(validateCloudForm({ ...base, applicationCredentialName: 'ci' }).username).toBeDefined();
    expect(validateCloudForm({ ...base, applicationCredentialName: 'ci', username: 'alice' })).toEqual({});
    expect(validateCloudForm({ ...base, applicationCredentialId: 'abc' })).toEqual({});
  });
});

describe('TLS files in the form', () => {
  const withCa: CloudSummary = { ...stored, cacert: '/etc/openstack/ca.pem' };
  it('keeps a stored file by sending nothing for it (main keeps it)', () => {
    const values = toFormValues(withCa);
    expect(values.cacert).toEqual({ path: '/etc/openstack/ca.pem' });
    expect(toCloudInput(values, 'c1')).not.toHaveProperty('cacert');
  });
  it("sends main's pick for a chosen file and null for a removed one, never a path", () => {
    const values = toFormValues(withCa);
    const input = toCloudInput({
      ...values,
      cacert: { path: '/tmp/new-ca.pem', choice: { pick: 'p-1' } },
      key: { path: '', choice: null },
    });
    expect(input.cacert).toEqual({ pick: 'p-1' });
    expect(input.key).toBeNull();
    expect(JSON.stringify(input)).not.toContain('/tmp/new-ca.pem');
  });
});
