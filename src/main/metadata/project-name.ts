/**
 * The name of an instance's project, for "alpha (bb3e…)" labels on the metadata page. Keystone
 * shows a project to admins and to its own members; anyone else gets the id alone.
 */
import type { ServiceClient } from '../openstack/service-client';

type Client = Pick<ServiceClient, 'request'>;

/** GET /v3/projects/{id}; undefined when there is no id, Keystone refuses, or it has no name. */
export async function fetchProjectName(client: Client, projectId: string | undefined): Promise<string | undefined> {
  if (!projectId) return undefined;
  try {
    const res = await client.request<{ project?: { name?: unknown } }>(
      'identity',
      `projects/${encodeURIComponent(projectId)}`,
    );
    const name = res.data?.project?.name;
    return typeof name === 'string' && name ? name : undefined;
  } catch {
    return undefined; // a name is a nicety: the id is shown instead
  }
}
