import type { AuthType, CloudInput, CloudSummary, Interface, TlsFileKind } from '@shared/models/cloud';
import type { TlsFileValue } from '../../components/TlsFileField';

export type { TlsFileValue };

/** The add/edit form's values: every CloudInput field as a plain string/boolean for the inputs. */
export interface CloudFormValues {
  name: string;
  authType: AuthType;
  authUrl: string;
  username: string;
  userId: string;
  userDomainName: string;
  userDomainId: string;
  projectName: string;
  projectId: string;
  projectDomainName: string;
  projectDomainId: string;
  domainName: string;
  domainId: string;
  systemScope: string;
  applicationCredentialId: string;
  applicationCredentialName: string;
  regionName: string;
  interface: Interface;
  verify: boolean;
  cacert: TlsFileValue;
  cert: TlsFileValue;
  key: TlsFileValue;
  /** Write-only: never pre-filled from a stored cloud. */
  secret: string;
}

type TextField = Exclude<keyof CloudFormValues, 'authType' | 'interface' | 'verify' | TlsFileKind>;

/** Which optional fields each auth type uses; the others are hidden and not sent. */
export const fieldsByAuthType: Record<AuthType, TextField[]> = {
  password: [
    'username',
    'userId',
    'userDomainName',
    'userDomainId',
    'projectName',
    'projectId',
    'projectDomainName',
    'projectDomainId',
    'domainName',
    'domainId',
    'systemScope',
  ],
  // An application credential carries its own scope: no project fields.
  v3applicationcredential: [
    'applicationCredentialId',
    'applicationCredentialName',
    'username',
    'userId',
    'userDomainName',
    'userDomainId',
  ],
  token: ['projectName', 'projectId', 'projectDomainName', 'projectDomainId', 'domainName', 'domainId', 'systemScope'],
};

/** What the write-only secret field is called for each auth type. */
export const secretLabels: Record<AuthType, string> = {
  password: 'Password',
  v3applicationcredential: 'Application credential secret',
  token: 'Token',
};

export const authTypeLabels: Record<AuthType, string> = {
  password: 'Password',
  v3applicationcredential: 'Application credential',
  token: 'Token',
};

/** Initial values: empty for a new cloud, the stored fields (never the secret) for an edit. */
export function toFormValues(cloud?: CloudSummary): CloudFormValues {
  return {
    name: cloud?.name ?? '',
    authType: cloud?.authType ?? 'password',
    authUrl: cloud?.authUrl ?? '',
    username: cloud?.username ?? '',
    userId: cloud?.userId ?? '',
    userDomainName: cloud?.userDomainName ?? (cloud ? '' : 'Default'),
    userDomainId: cloud?.userDomainId ?? '',
    projectName: cloud?.projectName ?? '',
    projectId: cloud?.projectId ?? '',
    projectDomainName: cloud?.projectDomainName ?? (cloud ? '' : 'Default'),
    projectDomainId: cloud?.projectDomainId ?? '',
    domainName: cloud?.domainName ?? '',
    domainId: cloud?.domainId ?? '',
    systemScope: cloud?.systemScope ?? '',
    applicationCredentialId: cloud?.applicationCredentialId ?? '',
    applicationCredentialName: cloud?.applicationCredentialName ?? '',
    regionName: cloud?.regionName ?? '',
    interface: cloud?.interface ?? 'public',
    verify: cloud?.verify ?? true,
    cacert: { path: cloud?.cacert ?? '' },
    cert: { path: cloud?.cert ?? '' },
    key: { path: cloud?.key ?? '' },
    secret: '',
  };
}

/**
 * The request for clouds:save: trimmed, empty fields dropped, fields the auth type does not use
 * dropped, and the secret only when the user typed one (empty keeps the stored secret).
 */
export function toCloudInput(values: CloudFormValues, id?: string): CloudInput {
  const input: CloudInput = {
    name: values.name.trim(),
    authType: values.authType,
    authUrl: values.authUrl.trim(),
    interface: values.interface,
    verify: values.verify,
  };
  if (id) input.id = id;
  const optional: TextField[] = [...fieldsByAuthType[values.authType], 'regionName'];
  for (const field of optional) {
    const value = values[field].trim();
    if (value) input[field] = value;
  }
  // TLS files travel as main's picks (or null to remove); an untouched one is kept by main.
  for (const kind of ['cacert', 'cert', 'key'] as const) {
    if (values[kind].choice !== undefined) input[kind] = values[kind].choice;
  }
  // Secrets are taken as typed: leading/trailing spaces may be part of a password.
  if (values.secret !== '') input.secret = values.secret;
  return input;
}

/** Field errors for the form (null = fine). Main validates again; this only saves a round trip. */
export function validateCloudForm(values: CloudFormValues): Partial<Record<keyof CloudFormValues, string>> {
  const errors: Partial<Record<keyof CloudFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Give the cloud a name (it is how you pick it later).';
  const url = values.authUrl.trim();
  if (!url) errors.authUrl = 'The Keystone URL is required, e.g. https://keystone.example.com:5000/v3';
  else if (!isHttpUrl(url))
    errors.authUrl = 'Use an http:// or https:// URL, e.g. https://keystone.example.com:5000/v3';
  if (values.authType === 'password' && !values.username.trim() && !values.userId.trim()) {
    errors.username = 'A password login needs a username (or a user ID).';
  }
  if (values.authType === 'v3applicationcredential') {
    const hasId = values.applicationCredentialId.trim() !== '';
    const hasName = values.applicationCredentialName.trim() !== '';
    if (!hasId && !hasName)
      errors.applicationCredentialId = 'Give the application credential ID (or its name and the user).';
    if (!hasId && hasName && !values.username.trim() && !values.userId.trim())
      errors.username = 'A credential given by name also needs its owner’s username.';
  }
  return errors;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
}
