/**
 * What a request must pass before any instance is identified: an origin-form target (not
 * `GET http://host/...` nor `OPTIONS *`), a Host header naming this listener (DNS rebinding), and
 * the listener's token where one is needed. Pure: config, URL and headers in; the path to forward
 * or the answer out.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ListenerConfig } from '@shared/models/proxy';
import { agentPage, badRequest, type Answer } from './agent-answers';
import { isHostAllowed } from './host-check';
import { checkToken, needsToken, redactTokenPath, TOKEN_HEADER } from './listener-token';

export type GateResult = { ok: true; path: string } | { ok: false; answer: Answer; path: string };

/** Checks one request; `path` is what may be logged (and, when ok, forwarded). */
export function gateRequest(
  config: Pick<ListenerConfig, 'mode' | 'socketPath' | 'token'>,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  ownNames?: readonly string[],
): GateResult {
  const target = url ?? '';
  const logged = redactTokenPath(target);
  if (!target.startsWith('/')) {
    const message =
      target === '*'
        ? 'OPTIONS * is not served here.'
        : 'Absolute-form request targets are not served here: send the path only.';
    return { ok: false, path: logged.slice(0, 80), answer: badRequest(message, 'bad-target') };
  }
  // A unix socket is out of a browser's reach; haproxy forwards the instance's own Host there.
  if (!config.socketPath && !isHostAllowed(headers.host, ownNames)) {
    const host = JSON.stringify(String(headers.host).slice(0, 80));
    return {
      ok: false,
      path: logged,
      answer: agentPage(
        421,
        'This listener only answers requests addressed to its IP address or localhost.',
        'bad-host',
        `Host ${host} is not this listener (DNS rebinding?).`,
      ),
    };
  }
  if (!needsToken(config)) return { ok: true, path: target };
  if (!config.token)
    return {
      ok: false,
      path: logged,
      answer: agentPage(403, 'This listener has no token yet: save it again.', 'no-token'),
    };
  const check = checkToken(config.token, target, headers[TOKEN_HEADER]);
  if (!check.ok) {
    return {
      ok: false,
      path: logged,
      answer: agentPage(
        403,
        'A valid listener token is required (X-StackLens-Token header or /<token>/ path prefix).',
        `token-${check.reason}`,
      ),
    };
  }
  return { ok: true, path: check.path };
}
