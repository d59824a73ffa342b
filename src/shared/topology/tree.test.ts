import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { buildTopologyModel } from './build-model';
import { buildRouterTree } from './router-tree';
import { ancestorKeys, buildLocator, childKey, countNodes, findNode, visibleRows } from './tree';

const snapshot = sampleCloud();
const tree = buildRouterTree(buildTopologyModel(snapshot));

describe('tree helpers', () => {
  it.each([
    ['router:a', []],
    ['router:a/interface:b', ['router:a']],
    ['router:a/interface:b/subnet:c/port:d', ['router:a', 'router:a/interface:b', 'router:a/interface:b/subnet:c']],
  ])('ancestorKeys(%s)', (key, expected) => {
    expect(ancestorKeys(key)).toEqual(expected);
  });

  it('builds child keys', () => {
    expect(childKey(undefined, 'router:a')).toBe('router:a');
    expect(childKey('router:a', 'port:b')).toBe('router:a/port:b');
  });

  it('shows only roots when nothing is expanded, and children of expanded nodes', () => {
    expect(visibleRows(tree, new Set()).map((r) => r.node.label)).toEqual(['db-router', 'ops-router', 'web-router']);
    const db = tree[0];
    const rows = visibleRows(tree, new Set([db.key]));
    expect(rows.map((r) => [r.node.label, r.depth])).toEqual([
      ['db-router', 0],
      ['gateway \u2192 public', 1],
      ['10.0.0.1', 1],
      ['ops-router', 0],
      ['web-router', 0],
    ]);
    expect(rows[0].expanded).toBe(true);
    expect(rows[3].expanded).toBe(false);
  });

  it('locates every row of an entity, and finds the node by key', () => {
    const locator = buildLocator(tree);
    const dhcp = snapshot.ports.find((p) => p.deviceOwner === 'network:dhcp' && p.fixedIps[0].ip === '172.20.0.2')!;
    const keys = locator.get(`port:${dhcp.id}`)!;
    expect(keys).toHaveLength(1);
    expect(findNode(tree, keys[0])?.label).toBe('172.20.0.2');
    expect(ancestorKeys(keys[0])[0]).toBe(tree.find((n) => n.label === 'ops-router')!.key);
    expect(findNode(tree, 'router:nope')).toBeUndefined();
  });

  it('counts nodes', () => {
    const rows = visibleRows(tree, new Set(allKeys(tree)));
    expect(countNodes(tree)).toBe(rows.length);
  });
});

function allKeys(nodes: ReturnType<typeof buildRouterTree>): string[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
}
