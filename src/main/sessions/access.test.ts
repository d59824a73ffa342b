import { describe, expect, it } from 'vitest';
import { isAdminRoles, visibilityFor } from './access';

describe('isAdminRoles', () => {
  it.each<[string[], boolean]>([
    [['admin'], true],
    [['member', 'Admin'], true],
    [['ADMIN'], true],
    [['member', 'reader'], false],
    [['project_admin', 'admin_like'], false],
    [[], false],
  ])('%j -> %s', (roles, admin) => {
    expect(isAdminRoles(roles)).toBe(admin);
  });
});

describe('visibilityFor', () => {
  it('an admin sees the cloud, anyone else the project', () => {
    expect(visibilityFor(true)).toBe('cloud');
    expect(visibilityFor(false)).toBe('project');
  });
});
