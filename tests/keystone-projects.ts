/**
 * Keystone fixtures the integration and e2e tests share (made through an admin session's client,
 * removed by deleting the project).
 */
import type { ServiceClient } from '../src/main/openstack/service-client';

/**
 * A throwaway project where `userId` holds the admin role and whose catalog Keystone filters to one
 * region's endpoints (plus identity): OS-EP-FILTER project-endpoint links, which Keystone's SQL
 * catalog applies to the project's tokens. Deleting the project removes the links; a setup that
 * fails half-way deletes it at once.
 */
export async function projectCataloguedIn(admin: ServiceClient, region: string, userId: string): Promise<string> {
  const name = `stacklens-test-region-${Date.now()}`;
  const created = await admin.request<{ project: { id: string } }>('identity', 'projects', {
    method: 'POST',
    body: { project: { name, domain_id: 'default', description: 'StackLens test: catalog filtered to one region' } },
  });
  const project = created.data.project.id;
  try {
    await grantAdmin(admin, project, userId);
    for (const id of await endpointsOf(admin, region)) {
      await admin.request('identity', `OS-EP-FILTER/projects/${project}/endpoints/${id}`, { method: 'PUT' });
    }
    return project;
  } catch (err) {
    await admin.request('identity', `projects/${project}`, { method: 'DELETE' }).catch(() => undefined);
    throw err;
  }
}

async function grantAdmin(admin: ServiceClient, project: string, userId: string): Promise<void> {
  const [role] = (
    await admin.request<{ roles: Array<{ id: string }> }>('identity', 'roles', { query: { name: 'admin' } })
  ).data.roles;
  await admin.request('identity', `projects/${project}/users/${userId}/roles/${role.id}`, { method: 'PUT' });
}

/** The region's endpoints of every service, and every identity endpoint (tokens are renewed there). */
async function endpointsOf(admin: ServiceClient, region: string): Promise<string[]> {
  const services = await admin.request<{ services: Array<{ id: string; type: string }> }>('identity', 'services');
  const identity = new Set(services.data.services.filter((s) => s.type === 'identity').map((s) => s.id));
  const endpoints = await admin.request<{
    endpoints: Array<{ id: string; service_id: string; region_id: string | null }>;
  }>('identity', 'endpoints');
  return endpoints.data.endpoints.filter((e) => e.region_id === region || identity.has(e.service_id)).map((e) => e.id);
}
