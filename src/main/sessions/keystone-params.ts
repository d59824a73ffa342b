/**
 * From a CloudConfig to what Keystone needs: credentials, scope, endpoint selection and TLS.
 * Precedence follows the clouds.yaml contract: *_name beats *_id when both are given, the domain
 * defaults the way osc-lib fills them (default_domain, then the `default` domain id).
 */
import { AppError } from '../errors';
import type { TlsOptions } from '../openstack/http';
import type { EndpointSelection } from '../openstack/catalog';
import type { DomainRef, KeystoneCredentials, ScopeRequest, UserRef } from '../openstack/keystone';
import type { CloudConfig } from '../credentials/cloud-config';

function defaultDomain(cfg: CloudConfig): DomainRef {
  if (cfg.defaultDomainName) return { name: cfg.defaultDomainName };
  return { id: cfg.defaultDomainId ?? 'default' };
}

function userDomain(cfg: CloudConfig): DomainRef {
  if (cfg.userDomainName) return { name: cfg.userDomainName };
  if (cfg.userDomainId) return { id: cfg.userDomainId };
  return defaultDomain(cfg);
}

export function userRef(cfg: CloudConfig): UserRef | undefined {
  if (cfg.username) return { name: cfg.username, domain: userDomain(cfg) };
  if (cfg.userId) return { id: cfg.userId };
  return undefined;
}

/** The Keystone credentials for a cloud and its secret (password / app credential secret / token). */
export function credentialsFor(cfg: CloudConfig, secret: string): KeystoneCredentials {
  if (cfg.authType === 'token') return { method: 'token', token: secret };
  if (cfg.authType === 'v3applicationcredential') {
    if (cfg.applicationCredentialId)
      return { method: 'application_credential', id: cfg.applicationCredentialId, secret };
    const user = userRef(cfg);
    if (!cfg.applicationCredentialName || !user) {
      throw new AppError(
        'CONFIG_INVALID',
        `Cloud "${cfg.name}" has neither an application credential id nor a name with its user.`,
        'Set application_credential_id.',
      );
    }
    return { method: 'application_credential', name: cfg.applicationCredentialName, user, secret };
  }
  const user = userRef(cfg);
  if (!user)
    throw new AppError(
      'CONFIG_INVALID',
      `Cloud "${cfg.name}" has no username or user_id.`,
      'Set the username of the cloud.',
    );
  return { method: 'password', user, password: secret };
}

/**
 * The scope: project (name with an explicit domain, else id, else name in the default domain),
 * then domain, then system, else none (Keystone may then use the user's default project).
 */
export function scopeFor(cfg: CloudConfig): ScopeRequest {
  const explicitProjectDomain: DomainRef | undefined = cfg.projectDomainName
    ? { name: cfg.projectDomainName }
    : cfg.projectDomainId
      ? { id: cfg.projectDomainId }
      : cfg.defaultDomainName || cfg.defaultDomainId
        ? defaultDomain(cfg)
        : undefined;
  if (cfg.projectName && explicitProjectDomain)
    return { kind: 'project', name: cfg.projectName, domain: explicitProjectDomain };
  // Horizon's clouds.yaml has project_id + project_name and no project domain: the id is unambiguous.
  if (cfg.projectId) return { kind: 'project', id: cfg.projectId };
  if (cfg.projectName) return { kind: 'project', name: cfg.projectName, domain: defaultDomain(cfg) };
  if (cfg.domainName) return { kind: 'domain', domain: { name: cfg.domainName } };
  if (cfg.domainId) return { kind: 'domain', domain: { id: cfg.domainId } };
  if (cfg.systemScope) return { kind: 'system', system: cfg.systemScope };
  return { kind: 'unscoped' };
}

/** Interface and region: region_name, else the first of `regions`, else any region. */
export function selectionFor(cfg: CloudConfig): EndpointSelection {
  return { interface: cfg.interface, region: cfg.regionName ?? cfg.regions?.[0] };
}

export function tlsFor(cfg: CloudConfig): TlsOptions {
  return { verify: cfg.verify, cacert: cfg.cacert, cert: cfg.cert, key: cfg.key };
}
