/**
 * The local proxy in its real places on the data path:
 * - in the agent's place: the real neutron-metadata-agent stopped, StackLens's agent mode on the
 *   agent's unix socket, the real haproxy of qrouter-/qdhcp- in front;
 * - in haproxy's place: the agent's haproxy of alpha-router stopped, StackLens's namespace mode
 *   listening inside qrouter-<alpha-router> on :9697 (where the REDIRECT points), its socket
 *   made there by a child started with `ip netns exec` and handed over Node's IPC channel.
 * Each test restores what it stopped (tests/lab/fault.sh ... off).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { listenInNamespace } from '../../src/main/proxy/netns-socket';
import { labSession } from './lab';
import { startLabListener, type LabListener } from './proxy-lab';
import { cloudInitRead, fault, instanceCurl, requireDatapath } from './datapath-lab';
import { describeLab } from './lab';

interface LabInstance {
  id: string;
}

describeLab(
  "data path: StackLens in the agent's place (agent mode on the agent socket)",
  () => {
    const { lab, dp } = requireDatapath();
    let session: KeystoneSession;
    let listener: LabListener | undefined;

    beforeAll(async () => {
      session = await labSession(lab, 'admin');
      await fault('metadata-agent', 'on');
      listener = await startLabListener(
        lab,
        session,
        { mode: 'agent', socketPath: lab.agentSocket as string },
        { through: 'nova' },
      );
    }, 300_000);
    afterAll(async () => {
      await listener?.server.stop();
      await fault('metadata-agent', 'off');
      await session?.close();
    }, 300_000);

    it('every instance gets its own metadata through haproxy and StackLens (overlapping pair included)', async () => {
      for (const name of Object.keys(dp.instances)) {
        const res = await instanceCurl(name);
        expect(res, name).toMatchObject({ exit: 0, status: 200 });
        expect(JSON.parse(res.body).uuid, name).toBe((lab.instances[name] as LabInstance).id);
      }
      const entries = listener?.entries ?? [];
      // haproxy set the scope: the router for routed instances, the network for the isolated one.
      expect(entries.some((e) => e.trace?.request.routerId === dp.routers['alpha-router'].id)).toBe(true);
      expect(entries.some((e) => e.trace?.request.networkId === dp.instances['beta-vm4'].networkId)).toBe(true);
    });

    it("cloud-init's reader inside beta-vm1 reads beta-vm1 through StackLens", async () => {
      const data = await cloudInitRead('beta-vm1');
      expect((data.metadata as { uuid: string }).uuid).toBe((lab.instances['beta-vm1'] as LabInstance).id);
      expect(String(data.userdata)).toContain('hello from beta-vm1');
    });
  },
  ['datapath'],
);

describeLab(
  "data path: StackLens in haproxy's place (namespace mode inside qrouter-)",
  () => {
    const { lab, dp } = requireDatapath();
    const router = dp.routers['alpha-router'];
    let session: KeystoneSession;
    let listener: LabListener | undefined;

    beforeAll(async () => {
      session = await labSession(lab, 'admin');
      await fault('router-haproxy', 'on');
      // haproxy binds :::9697 (dual stack); so does this socket.
      const handle = await listenInNamespace({ namespace: router.namespace, host: '::', port: dp.routerMetadataPort });
      listener = await startLabListener(
        lab,
        session,
        { mode: 'namespace', routerId: router.id },
        { through: 'nova', handle },
      );
    }, 300_000);
    afterAll(async () => {
      await listener?.server.stop();
      await fault('router-haproxy', 'off');
      await session?.close();
    }, 300_000);

    it("alpha-router's instances get their own metadata from StackLens", async () => {
      for (const name of ['alpha-vm1', 'alpha-vm2']) {
        const res = await instanceCurl(name);
        expect(res, name).toMatchObject({ exit: 0, status: 200 });
        expect(JSON.parse(res.body).uuid, name).toBe((lab.instances[name] as LabInstance).id);
      }
      expect(listener?.entries.length).toBeGreaterThanOrEqual(2);
    });

    it('router/network headers sent from inside the instance change nothing', async () => {
      const res = await instanceCurl('alpha-vm1', '/openstack/latest/meta_data.json', {
        headers: {
          'X-Neutron-Router-ID': dp.routers['beta-router'].id,
          'X-Neutron-Network-ID': dp.instances['beta-vm1'].networkId,
          'X-Forwarded-For': '10.0.0.11',
        },
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).uuid).toBe((lab.instances['alpha-vm1'] as LabInstance).id);
    });

    it("beta-router's haproxy still answers beside it (only alpha-router's was replaced)", async () => {
      const res = await instanceCurl('beta-vm1');
      expect(JSON.parse(res.body).uuid).toBe((lab.instances['beta-vm1'] as LabInstance).id);
    });
  },
  ['datapath'],
);
