/**
 * Opens a Keystone session for a clouds.yaml cloud in plain Node, like the app does: the same
 * discovery (clouds.yaml, secure.yaml, OS_*), the same credential and scope rules.
 */
import { AppError } from '@main/errors';
import type { CloudConfig } from '@main/credentials/cloud-config';
import { discoverClouds } from '@main/credentials/discovery';
import { credentialsFor, scopeFor, selectionFor, tlsFor } from '@main/sessions/keystone-params';
import { isAdminRoles } from '@main/sessions/access';
import { KeystoneSession } from '@main/openstack/keystone-session';
import type { ServiceClient } from '@main/openstack/service-client';
import type { CliIo } from './cli-io';

export interface CloudSession {
  cloud: CloudConfig;
  session: KeystoneSession;
  client: ServiceClient;
  /** The token carries the admin role: Neutron lists every project's ports, like the agent's RPC. */
  isAdmin: boolean;
}

/** Finds the cloud by name and authenticates; errors name the file and the fix. */
export async function openCloud(name: string, io: CliIo): Promise<CloudSession> {
  const { configs, report } = await discoverClouds({ env: io.env, cwd: io.cwd, homeDir: io.homeDir });
  const cloud = configs.find((c) => c.name === name);
  if (!cloud) {
    const broken = report.clouds.find((c) => c.name === name && c.error);
    if (broken)
      throw new AppError('CONFIG_INVALID', `Cloud "${name}" in ${broken.source} cannot be used: ${broken.error}`);
    const where = report.files.map((f) => f.path).join(', ') || 'no clouds.yaml found';
    const known = configs.map((c) => c.name).join(', ') || 'none';
    // A clouds.yaml that is a FIFO, a directory, too big or malformed explains a missing cloud.
    const problems = report.errors.map((e) => ` ${e.message}`).join('');
    throw new AppError(
      'CONFIG_INVALID',
      `No cloud named "${name}" (looked in: ${where}; clouds: ${known}).${problems}`,
      'Name a cloud of your clouds.yaml, or point OS_CLIENT_CONFIG_FILE at the file.',
    );
  }
  if (!cloud.secret) {
    throw new AppError(
      'PASSWORD_REQUIRED',
      `Cloud "${name}" has no password, application credential secret or token.`,
      'Put it in secure.yaml beside clouds.yaml (the CLI never prompts and never takes secrets as arguments).',
    );
  }
  const session = new KeystoneSession({
    authUrl: cloud.authUrl,
    credentials: credentialsFor(cloud, cloud.secret),
    scope: scopeFor(cloud),
    selection: selectionFor(cloud),
    tls: tlsFor(cloud),
    userAgent: 'StackLens-CLI',
  });
  const auth = await session.connect();
  const isAdmin = isAdminRoles(auth.roles.map((r) => r.name));
  return { cloud, session, client: session.client(), isAdmin };
}
