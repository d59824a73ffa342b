/** Auth URL helpers shared by main and the renderer (pure). */

/** The URL without `user:pass@`: credentials in a URL never reach the renderer or a log. */
export function withoutUserinfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Why a cloud's transport is not safe for its secret: verification off, or plain http://. */
export function insecureTransport(authUrl: string, verify: boolean): string[] {
  const out: string[] = [];
  if (/^http:\/\//i.test(authUrl))
    out.push('The auth URL is plain http://: the password crosses the network unencrypted.');
  if (!verify) out.push('TLS verification is off (verify: false / insecure): anyone in the path can pose as Keystone.');
  return out;
}
