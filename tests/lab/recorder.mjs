#!/usr/bin/env node
// The lab's recorder on 127.0.0.1:8775, between neutron-metadata-agent and nova-api-metadata.
// It records every request exactly as the agent sent it (all headers, method, path, query, body
// length, whether X-Instance-ID-Signature is valid), appends it to the capture file, then passes
// it on byte-exact to the upstream and returns the upstream's answer unchanged.
//   GET /__captured -> JSON array of the records; DELETE /__captured -> clears them.
// Without an upstream (no nova in the lab) it answers a minimal meta_data.json itself.
// Usage: node recorder.mjs CAPTURE_FILE   env: LAB_METADATA_SECRET, LAB_RECORDER_UPSTREAM,
//        LAB_RECORDER_PORT (8775)
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';

const captureFile = process.argv[2] || process.env.LAB_CAPTURE_FILE;
const secret = process.env.LAB_METADATA_SECRET ?? '';
const upstream = process.env.LAB_RECORDER_UPSTREAM ? new URL(process.env.LAB_RECORDER_UPSTREAM) : null;
const port = Number(process.env.LAB_RECORDER_PORT || 8775);
if (!captureFile) throw new Error('usage: recorder.mjs CAPTURE_FILE');

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

function signatureValid(instanceId, signature) {
  if (typeof instanceId !== 'string' || typeof signature !== 'string') return false;
  const expected = crypto.createHmac('sha256', secret).update(instanceId, 'utf8').digest('hex');
  const a = Buffer.from(expected),
    b = Buffer.from(signature);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function readCaptured() {
  if (!fs.existsSync(captureFile)) return [];
  return fs
    .readFileSync(captureFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

function forward(req, body) {
  return new Promise((resolve, reject) => {
    // rawHeaders keeps names, case, order and duplicates exactly as received.
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.rawHeaders,
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

function localAnswer(req, valid) {
  // Stand-in for nova when the lab runs without it: same status codes for the signature check.
  const id = req.headers['x-instance-id'];
  if (!id) return { status: 400, body: Buffer.from('X-Instance-ID header is missing from request.') };
  if (!valid) return { status: 403, body: Buffer.from('Invalid proxy request signature.') };
  const meta = { uuid: id, project_id: req.headers['x-tenant-id'] ?? null, name: null, meta: {} };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(meta)) };
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://recorder');
    if (url.pathname === '/__captured') {
      if (req.method === 'DELETE') fs.writeFileSync(captureFile, '');
      res.writeHead(req.method === 'DELETE' || req.method === 'GET' ? 200 : 405, {
        'content-type': 'application/json',
      });
      return res.end(req.method === 'GET' ? JSON.stringify(readCaptured()) : '[]');
    }
    const headers = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const k = req.rawHeaders[i].toLowerCase();
      headers[k] = k in headers ? `${headers[k]}, ${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
    }
    const valid = signatureValid(req.headers['x-instance-id'], req.headers['x-instance-id-signature']);
    const record = {
      time: new Date().toISOString(),
      method: req.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers,
      rawHeaders: req.rawHeaders,
      bodyLength: body.length,
      instanceId: req.headers['x-instance-id'] ?? null,
      tenantId: req.headers['x-tenant-id'] ?? null,
      forwardedFor: req.headers['x-forwarded-for'] ?? null,
      signatureValid: valid,
      upstream: upstream ? upstream.origin : null,
    };
    let answer;
    try {
      answer = upstream ? await forward(req, body) : localAnswer(req, valid);
    } catch (err) {
      answer = { status: 502, body: Buffer.from(`recorder: upstream error: ${err.message}`), error: err.message };
    }
    record.status = answer.status;
    record.responseLength = answer.body.length;
    if (answer.error) record.error = answer.error;
    // Written before answering, so a caller sees its request in /__captured as soon as it has the reply.
    fs.appendFileSync(captureFile, JSON.stringify(record) + '\n');
    const out = [];
    if (answer.rawHeaders) {
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[i].toLowerCase()))
          out.push(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
      }
    } else {
      for (const [k, v] of Object.entries(answer.headers ?? { 'content-type': 'text/plain' })) out.push(k, v);
      out.push('Content-Length', String(answer.body.length));
    }
    res.writeHead(answer.status, out);
    res.end(answer.body);
  });
});

server.listen(port, '127.0.0.1', () =>
  console.log(
    `recorder on 127.0.0.1:${port} -> ${upstream ? upstream.origin : '(local answers)'}; capture ${captureFile}`,
  ),
);
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
