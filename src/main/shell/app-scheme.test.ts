import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, mimeTypeOf, resolveAppPath } from './app-scheme';

const root = resolve('/opt/stacklens/out/renderer');

describe('app:// resolver', () => {
  it('serves files below the renderer folder, / as index.html', () => {
    expect(resolveAppPath(root, APP_INDEX_URL)).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://stacklens/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://stacklens/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets/index-abc.js'));
    expect(resolveAppPath(root, 'app://stacklens/assets/a%20b.css')).toBe(join(root, 'assets/a b.css'));
  });

  it('keeps dot segments the URL parser removes inside the folder', () => {
    expect(resolveAppPath(root, 'app://stacklens/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveAppPath(root, 'app://stacklens/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
  });

  it('refuses traversal, other hosts and schemes, encoded separators and NUL', () => {
    for (const url of [
      'app://stacklens/assets/%2e%2e%2f%2e%2e%2fmain/index.js',
      'app://stacklens/assets/..%5c..%5cmain',
      'app://stacklens/a%00.js',
      'app://stacklens/%E0%A4%A',
      'app://evil/index.html',
      'app://user:pw@stacklens/index.html',
      'file:///opt/stacklens/out/renderer/index.html',
      'https://stacklens/index.html',
      'not a url',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('names the content types the renderer build produces', () => {
    expect(mimeTypeOf('index.html')).toMatch(/^text\/html/);
    expect(mimeTypeOf('a.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.exe')).toBe('application/octet-stream');
  });
});
