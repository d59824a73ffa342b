import { describe, expect, it } from 'vitest';
import { isExternalUrlAllowed, openExternalLink } from './external-links';
import { expectAppError } from './testing/expect-app-error';

describe('openExternalLink', () => {
  const opened: string[] = [];
  const browser = { open: async (url: string) => void opened.push(url) };

  it.each([
    ['https://docs.openstack.org/', true],
    ['http://docs.openstack.org/', false],
    ['https://user:pw@evil.example/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s allowed: %s', async (url, allowed) => {
    opened.length = 0;
    expect(isExternalUrlAllowed(url)).toBe(allowed);
    if (allowed) {
      await openExternalLink(browser, url);
      expect(opened).toEqual([url]);
    } else {
      expect((await expectAppError(openExternalLink(browser, url))).code).toBe('INVALID_ARGUMENT');
      expect(opened).toEqual([]);
    }
  });

  it('a shell without a browser says so', async () => {
    expect((await expectAppError(openExternalLink(undefined, 'https://docs.openstack.org/'))).code).toBe('INTERNAL');
  });
});
