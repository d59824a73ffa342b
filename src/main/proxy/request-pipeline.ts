/**
 * One request through the proxy: identify the instance (per mode), rate-limit its source, read the
 * body within its limit, resolve through Neutron, forward to nova, map the answer. Never throws:
 * every failure becomes an Answer, so every request is answered.
 */
import type { IncomingMessage } from 'node:http';
import type { ResolveTrace } from '@shared/models/metadata';
import { AppError } from '../errors';
import {
  agentPage,
  instanceNotFound,
  novaTimeout,
  novaUnreachable,
  payloadTooLarge,
  rateLimited,
  relayNova,
  resolverFailed,
  upstreamBusy,
  upstreamQueueFull,
  type Answer,
} from './agent-answers';
import { gateRequest } from './request-gate';
import { identifyRequest, isAnswer, type CompiledListener, type Identified } from './identify-request';
import type { NovaAnswer, ProxyBackend } from './proxy-backend';
import type { SourceRateLimiter } from './rate-limiter';
import type { Semaphore } from './semaphore';

export interface PipelineResult {
  answer: Answer;
  identified?: Identified;
  instanceId?: string;
  projectId?: string;
  trace?: ResolveTrace;
  /** Milliseconds spent waiting for an upstream slot, in Neutron lookups and in nova calls. */
  timings?: { queueMs: number; neutronMs: number; novaMs: number };
  /** The request path fit for the log (token segment removed). */
  path?: string;
  /** Where the answer came from: our own checks, Neutron resolution, or nova. */
  stage: 'identify' | 'limit' | 'resolve' | 'nova';
}

export interface PipelineDeps {
  listener: CompiledListener;
  backend: ProxyBackend;
  limiter: SourceRateLimiter;
  /** Caps concurrent upstream work (limits.maxUpstreamConcurrent) and its queue. */
  upstream: Semaphore;
  /** Agent mode with rate limiting: the per-peer limit (see peerRateLimit). */
  peerLimiter?: SourceRateLimiter;
}

class UpstreamTimeout extends Error {}

/** Races `work` against the listener's upstream timeout. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UpstreamTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Reads the body up to `limit` bytes; null when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return null;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

function errorText(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** Maps a resolution that did not yield an instance to the agent's answer. */
function unresolvedAnswer(trace: ResolveTrace, scope: { routerId?: string; networkId?: string }): Answer {
  const outcome = trace.outcome;
  if (outcome.kind === 'error') return resolverFailed(outcome.code, `Neutron lookup failed: ${outcome.message}`);
  if (outcome.kind === 'refused') return { ...instanceNotFound(scope, `Refused: ${outcome.reason}`), error: 'refused' };
  if (outcome.kind === 'not-found') {
    const answer = instanceNotFound(scope, outcome.reason);
    if (outcome.portCount > 1) answer.error = 'ambiguous';
    return answer;
  }
  return agentPage(
    500,
    'An unknown error has occurred. Please try your request again.',
    'internal',
    'Unexpected resolution outcome.',
  );
}

/** Runs one request through the pipeline. `peer` is the socket's peer address ('unix' on a socket). */
export async function runPipeline(deps: PipelineDeps, req: IncomingMessage, peer: string): Promise<PipelineResult> {
  const gate = gateRequest(deps.listener.config, req.url, req.headers);
  if (!gate.ok) return { answer: gate.answer, stage: 'identify', path: gate.path };
  return { ...(await afterGate(deps, req, peer, gate.path)), path: gate.path };
}

/** The peer's own rate (agent mode over TCP): X-Forwarded-For rotation must not dodge the limit. */
function checkPeer(deps: PipelineDeps, peer: string): PipelineResult | undefined {
  if (!deps.peerLimiter || deps.listener.config.mode !== 'agent' || peer === 'unix') return undefined;
  const decision = deps.peerLimiter.check(peer);
  if (decision.allowed) return undefined;
  const detail = `${peer} sent ${decision.baseRate} requests (any X-Forwarded-For) over the peer limit; retry after ${decision.retryAfterSeconds} s.`;
  return { answer: rateLimited(decision.retryAfterSeconds, detail), stage: 'limit' };
}

async function afterGate(
  deps: PipelineDeps,
  req: IncomingMessage,
  peer: string,
  path: string,
): Promise<PipelineResult> {
  const { listener, limiter } = deps;
  const { limits } = listener.config;
  const identified = identifyRequest(listener, req.headers, peer);
  const rateKey = isAnswer(identified)
    ? peer
    : `${identified.routerId ?? identified.networkId ?? ''}|${identified.source}`;
  const decision = limiter.check(rateKey);
  if (!decision.allowed) {
    const { baseLimit, baseWindowSeconds, burstLimit, burstWindowSeconds } = listener.config.rateLimit;
    const over =
      decision.baseRate > baseLimit
        ? `${decision.baseRate} requests in ${baseWindowSeconds} s (limit ${baseLimit})`
        : `${decision.burstRate} requests in ${burstWindowSeconds} s (burst limit ${burstLimit})`;
    const who = isAnswer(identified) ? peer : identified.source;
    const detail = `${who} sent ${over}; retry after ${decision.retryAfterSeconds} s.`;
    return {
      answer: rateLimited(decision.retryAfterSeconds, detail),
      identified: isAnswer(identified) ? undefined : identified,
      stage: 'limit',
    };
  }
  const peerLimited = checkPeer(deps, peer);
  if (peerLimited) return { ...peerLimited, identified: isAnswer(identified) ? undefined : identified };
  if (isAnswer(identified)) return { answer: identified, stage: 'identify' };

  let body: Buffer | null;
  try {
    body = await readBody(req, limits.maxBodyBytes);
  } catch (err) {
    return {
      answer: agentPage(400, 'The request body could not be read.', 'client-aborted', errorText(err).message),
      identified,
      stage: 'identify',
    };
  }
  if (body === null) return { answer: payloadTooLarge(limits.maxBodyBytes), identified, stage: 'limit' };

  const deadline = performance.now() + limits.upstreamTimeoutMs;
  if (deps.upstream.queueFull) return { answer: upstreamQueueFull(deps.upstream.queued), identified, stage: 'limit' };
  const queued = performance.now();
  const release = await deps.upstream.acquire(limits.upstreamTimeoutMs);
  const timings = { queueMs: performance.now() - queued, neutronMs: 0, novaMs: 0 };
  if (!release) return { answer: upstreamBusy(limits.upstreamTimeoutMs), identified, stage: 'limit' };
  if (req.socket.destroyed) {
    // The client gave up while it waited for a slot: spend no Neutron or nova work on it.
    release();
    return { answer: agentPage(499, 'The client closed the connection.', 'client-closed'), identified, stage: 'limit' };
  }
  // The slot stays taken until the upstream calls really end, even after a timeout answered the
  // client: a slow Neutron or nova must not get more concurrent work than the cap.
  const calls: Array<Promise<unknown>> = [];
  try {
    return { ...(await upstreamWork(deps, req, identified, body, deadline, calls, timings, path)), timings };
  } finally {
    void Promise.allSettled(calls).then(release);
  }
}

type Timings = NonNullable<PipelineResult['timings']>;

/** Runs `work`, adding its duration to `timings[key]`. */
async function timed<T>(timings: Timings, key: 'neutronMs' | 'novaMs', work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    timings[key] += performance.now() - t0;
  }
}

/** The answer when the Neutron lookup failed or timed out. */
function neutronFailed(err: unknown, upstreamTimeoutMs: number): Answer {
  if (err instanceof UpstreamTimeout)
    return resolverFailed('TIMEOUT', `Neutron did not answer within ${upstreamTimeoutMs} ms.`);
  const { code, message } = errorText(err);
  return resolverFailed(code, `Neutron lookup failed: ${message}`);
}

/** The agent's answer when nova could not be asked: its timeout page, unreachable, else a 500. */
function novaFailed(err: unknown, upstreamTimeoutMs: number): Answer {
  if (err instanceof UpstreamTimeout) return novaTimeout(Math.round(upstreamTimeoutMs / 1000));
  const { code, message } = errorText(err);
  if (code === 'UNREACHABLE') return novaUnreachable(message);
  return agentPage(
    500,
    'An unknown error has occurred. Please try your request again.',
    `nova-${code.toLowerCase()}`,
    message,
  );
}

/** Resolution and forwarding, inside an upstream slot, within the request's deadline. */
async function upstreamWork(
  deps: PipelineDeps,
  req: IncomingMessage,
  identified: Identified,
  body: Buffer,
  deadline: number,
  calls: Array<Promise<unknown>>,
  timings: Timings,
  path: string,
): Promise<PipelineResult> {
  const { backend } = deps;
  const tracked = <T>(call: Promise<T>): Promise<T> => {
    calls.push(call);
    return call;
  };
  const { limits } = deps.listener.config;
  const scope = { routerId: identified.routerId, networkId: identified.networkId };
  const remaining = () => Math.max(1, deadline - performance.now());
  let trace: ResolveTrace | undefined;
  let instanceId: string;
  let projectId: string;

  const resolve = async (skipCache: boolean): Promise<PipelineResult | undefined> => {
    if (identified.target.kind === 'instance') {
      instanceId = identified.target.instanceId;
      projectId = identified.target.projectId;
      return undefined;
    }
    try {
      trace = await withTimeout(tracked(backend.resolve(identified.target.request, { skipCache })), remaining());
    } catch (err) {
      return { answer: neutronFailed(err, limits.upstreamTimeoutMs), identified, stage: 'resolve' };
    }
    if (trace.outcome.kind !== 'resolved')
      return { answer: unresolvedAnswer(trace, scope), identified, trace, stage: 'resolve' };
    instanceId = trace.outcome.instanceId;
    projectId = trace.outcome.projectId;
    return undefined;
  };

  const forward = async (): Promise<Answer> => {
    let nova: NovaAnswer;
    try {
      nova = await withTimeout(
        tracked(
          backend.forward({
            method: req.method ?? 'GET',
            pathAndQuery: path,
            body: body && body.length > 0 ? body : undefined,
            forwardedFor: identified.forwardedFor,
            instanceId,
            projectId,
          }),
        ),
        remaining(),
      );
    } catch (err) {
      return novaFailed(err, limits.upstreamTimeoutMs);
    }
    return relayNova(nova);
  };

  const failed = await timed(timings, 'neutronMs', () => resolve(false));
  if (failed) return failed;
  let answer = await timed(timings, 'novaMs', forward);
  // LP #1868867: a cached port may belong to a deleted instance; re-resolve once, uncached. A cached
  // router step is dropped the same way, and nova asked again only if the answer changed.
  const routerOnly = !trace?.cached && trace?.routerNetworksCached === true;
  if (answer.status === 404 && ((backend.cached && trace?.cached) || routerOnly)) {
    const before = `${instanceId!}|${projectId!}`;
    const retryFailed = await timed(timings, 'neutronMs', () => resolve(true));
    if (retryFailed) return retryFailed;
    if (!routerOnly || `${instanceId!}|${projectId!}` !== before) answer = await timed(timings, 'novaMs', forward);
  }
  return { answer, identified, instanceId: instanceId!, projectId: projectId!, trace, stage: 'nova' };
}
