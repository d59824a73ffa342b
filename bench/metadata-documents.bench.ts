/**
 * Every metadata document of an instance (OpenStack tree + EC2 crawl), fetched from the lab's real
 * nova-api-metadata through the recorder as the agent would (one resolution, then signed GETs):
 * StackLens's bounded-parallel fetch against the same fetch one request at a time, interleaved
 * per round so both see the same load. Also nova's own latency for one document. Figures only.
 */
import { describe } from 'vitest';
import { createResolver } from '@main/metadata/resolver';
import { CONCURRENCY } from '@main/metadata/metadata-fetcher';
import { fetchInstanceDocuments } from '@main/metadata/metadata-lookup';
import { forwardToNova } from '@main/metadata/nova-metadata-client';
import { closeHttpAgents } from '@main/openstack/http';
import { lab, labIt } from '../tests/integration/lab';
import { clearCaptured, labIds, labSession } from '../tests/integration/metadata-lab';
import { recordSummary } from './summary';

const ROUNDS = Number(process.env.DOCS_BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

describe('metadata documents (lab)', () => {
  labIt(['metadata', 'nova'])(
    'every document of an instance, bounded parallel vs one at a time',
    { timeout: 600_000 },
    async () => {
      const l = lab as NonNullable<typeof lab>;
      const ids = labIds(l);
      const vm = ids.instance('alpha-vm1');
      const via = { ip: vm.ip, routerId: ids.router('alpha-router') };
      const target = { url: l.recorderUrl as string, secret: l.metadataSecret };
      const session = await labSession(l, 'admin');
      try {
        const resolver = createResolver({ client: session.client(), visibility: 'cloud' });
        await fetchInstanceDocuments(resolver, target, via); // warm sockets, nova and the CLI caches
        const parallel: number[] = [];
        const serial: number[] = [];
        const one: number[] = [];
        let docs = 0;
        let failed = 0;
        for (let r = 0; r < ROUNDS; r++) {
          // A busy nova may fail a request (the recorder answers 502): such a round is counted, not timed.
          try {
            let t0 = performance.now();
            const res = await fetchInstanceDocuments(resolver, target, via);
            const ms = performance.now() - t0;
            t0 = performance.now();
            await fetchInstanceDocuments(resolver, target, via, { concurrency: 1 });
            serial.push(performance.now() - t0);
            parallel.push(ms);
            docs = res.documents.length;
          } catch (err) {
            failed++;
            console.log(`round ${r + 1} failed: ${err instanceof Error ? err.message : String(err)}`);
            continue;
          }
          const t0 = performance.now();
          await forwardToNova(target, {
            method: 'GET',
            pathAndQuery: '/openstack/latest/meta_data.json',
            forwardedFor: vm.ip,
            instanceId: vm.id,
            projectId: vm.projectId,
          });
          one.push(performance.now() - t0);
        }
        await clearCaptured(l);
        const p = median(parallel);
        const s = median(serial);
        console.log(
          [
            `metadata documents bench against the lab (alpha-vm1 through alpha-router, recorder + nova-api-metadata, ${ROUNDS} interleaved rounds)`,
            `  every document (${docs} requests: versions, 6 OpenStack documents, EC2 crawl + user-data):`,
            `    StackLens, ${CONCURRENCY} at a time, no per-level waits: median ${p.toFixed(0)} ms (runs ${parallel.map((x) => x.toFixed(0)).join(', ')}) (target < 2,000 ms)`,
            `    one request at a time:                       median ${s.toFixed(0)} ms; ratio ${(p / s).toFixed(2)}`,
            ...(failed ? [`  ${failed} round(s) failed (nova busy) and are not counted`] : []),
            `  nova alone, one meta_data.json: median ${median(one).toFixed(0)} ms (nova runs 2 uwsgi processes x 1 thread here, so at most 2 requests are served at once)`,
          ].join('\n'),
        );
        recordSummary('metadata-documents', [
          {
            what: `every metadata document of an instance (${docs} requests)`,
            stacklens: `${p.toFixed(0)} ms`,
            reference: `one at a time ${s.toFixed(0)} ms`,
            ratio: (p / s).toFixed(2),
            target: '< 2,000 ms',
          },
        ]);
      } finally {
        await session.close();
        await closeHttpAgents();
      }
    },
  );
});
