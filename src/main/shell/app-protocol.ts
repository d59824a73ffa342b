import { readFile, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, mimeTypeOf, resolveAppPath } from './app-scheme';
import { CONTENT_SECURITY_POLICY } from './policy';

/**
 * app:// is a standard, secure scheme (origin, 'self', fetch): the renderer never needs file://
 * and its extra privileges (the GrantFileProtocolExtraPrivileges fuse is off). Must run before
 * the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });

/** Serves app://stacklens/ from the built renderer folder only (app-scheme.ts decides the path). */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererDir, request.url);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    try {
      // A symlink inside the folder must not lead out of it.
      const [real, root] = await Promise.all([realpath(file), realpath(rendererDir)]);
      if (!real.startsWith(root + sep)) return notFound();
      const body = await readFile(real);
      return new Response(new Uint8Array(body), {
        headers: {
          'content-type': mimeTypeOf(real),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  });
}
