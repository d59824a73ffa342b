/**
 * The answers the proxy writes itself, following neutron-metadata-agent's current (2025.1+, with
 * LP #2106713 fixed) semantics, and the mapping of nova's answers. Every path answers: the proxy
 * never drops a connection where the real agent would (its G3 server writes nothing on errors).
 */
import type { NovaAnswer } from './proxy-backend';

/** A complete response, ready to write. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Machine-readable reason for the log when not 2xx. */
  error?: string;
  /** One line for the admin's log. */
  detail?: string;
}

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  // Never sent: logged for a client that left before its turn (nginx's code for it).
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The agent's HTML error page shape (neutron/common/metadata.py encode_http_reponse), text/plain as there. */
export function agentPage(status: number, message: string, error: string, detail?: string): Answer {
  const title = `${status} ${reasonPhrases[status] ?? 'Error'}`;
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n  <h1>${title}</h1>\n  ${escaped}<br /><br />\n\n\n </body>\n</html>`;
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=UTF-8' },
    body: Buffer.from(html, 'utf8'),
    error,
    detail: detail ?? message,
  };
}

/** 404 as the agent answers 0 or >1 ports (27.0.0 wording). */
export function instanceNotFound(scope: { routerId?: string; networkId?: string }, detail: string): Answer {
  const where = scope.networkId
    ? ` on network ${scope.networkId}`
    : scope.routerId
      ? ` on router ${scope.routerId}`
      : '';
  return agentPage(404, `Instance was not found${where}.`, 'not-found', detail);
}

/** 400 when both X-Neutron-Network-ID and X-Neutron-Router-ID came in (27.0.0). */
export function bothScopes(networkId: string, routerId: string): Answer {
  return agentPage(400, `Both network ${networkId} and router ${routerId} defined.`, 'both-headers');
}

export function badRequest(message: string, error = 'bad-request'): Answer {
  return agentPage(400, message, error);
}

export function rateLimited(retryAfterSeconds: number, detail: string): Answer {
  const answer = agentPage(429, 'You have sent too many requests in a given amount of time.', 'rate-limited', detail);
  answer.headers['retry-after'] = String(retryAfterSeconds);
  return answer;
}

export function payloadTooLarge(limit: number): Answer {
  return agentPage(413, `The request body is larger than ${limit} bytes.`, 'body-too-large');
}

/** Neutron could not be asked (the agent's RPC failure answer). */
export function resolverFailed(code: string, detail: string): Answer {
  return agentPage(
    500,
    'An unknown error has occurred. Please try your request again.',
    `neutron-${code.toLowerCase()}`,
    detail,
  );
}

/** nova-api-metadata could not be reached (LP #2059032). */
export function novaUnreachable(detail: string): Answer {
  return agentPage(
    503,
    'The remote metadata server is temporarily unavailable. Please try again later.',
    'nova-unreachable',
    detail,
  );
}

/** Every upstream slot stayed busy until the request's deadline. */
export function upstreamBusy(waitedMs: number): Answer {
  return agentPage(
    503,
    'The metadata proxy is busy. Please try again later.',
    'upstream-busy',
    `No upstream slot came free within ${waitedMs} ms.`,
  );
}

/** One connection sent more pipelined requests than it may have in the server at once. */
export function pipelineFull(limit: number): Answer {
  return agentPage(
    503,
    'Too many pipelined requests on one connection. Please try again later.',
    'pipeline-full',
    `More than ${limit} requests were queued on one connection; it is closed after this answer.`,
  );
}

/** The upstream queue is full: answered at once rather than queued without bound. */
export function upstreamQueueFull(queued: number): Answer {
  return agentPage(
    503,
    'The metadata proxy is busy. Please try again later.',
    'upstream-queue-full',
    `${queued} requests already wait for an upstream slot.`,
  );
}

export function novaTimeout(seconds: number): Answer {
  return agentPage(504, `The remote metadata server did not answer within ${seconds} s.`, 'nova-timeout');
}

/** Codes the agent relays with nova's body (neutron/common/metadata.py _proxy_request). */
const relayed = new Set([400, 403, 404, 409, 500, 502, 503, 504]);

const novaReasons: Record<number, string> = {
  400: 'nova-bad-request',
  403: 'nova-forbidden',
  404: 'nova-not-found',
  409: 'nova-conflict',
  500: 'nova-error',
  502: 'nova-bad-gateway',
  503: 'nova-unavailable',
  504: 'nova-timeout',
};

const novaDetails: Record<number, string> = {
  403: 'nova refused the signature: the shared secrets usually do not match.',
  404: 'nova has no such instance, or X-Tenant-ID is not its project.',
};

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Maps nova's answer as the agent does: 2xx and 400/403/404/409/5xx relayed with status, body and
 * Content-Type only; anything else becomes 500 "Unexpected response code".
 */
export function relayNova(answer: NovaAnswer): Answer {
  const body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body as Uint8Array | string);
  const contentType = firstHeader(answer.headers['content-type']) ?? 'text/plain; charset=UTF-8';
  if ((answer.status >= 200 && answer.status < 300) || relayed.has(answer.status)) {
    const ok = answer.status < 300;
    return {
      status: answer.status,
      headers: { 'content-type': contentType },
      body,
      error: ok ? undefined : novaReasons[answer.status],
      detail: ok ? undefined : (novaDetails[answer.status] ?? `nova answered ${answer.status}.`),
    };
  }
  return agentPage(
    500,
    `Unexpected response code: ${answer.status}`,
    'nova-unexpected',
    `nova answered ${answer.status}, which the agent does not relay.`,
  );
}
