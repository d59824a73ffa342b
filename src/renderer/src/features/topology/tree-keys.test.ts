import { describe, expect, it } from 'vitest';
import { buildRouterTree, buildTopologyModel, visibleRows, type TreeRow } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { collapsedSiblings, treeKeyEffect, type TreeKeyEffect } from './tree-keys';

const roots = buildRouterTree(buildTopologyModel(sampleCloud()));

/** Applies effects to an expanded set and a focus, as the component does. */
function walk(keys: string[], expanded = new Set<string>()): { focus: string | null; expanded: Set<string> } {
  let focus: string | null = null;
  for (const key of keys) {
    const rows = visibleRows(roots, expanded);
    const effect = treeKeyEffect(rows, focus, { key });
    if (!effect) continue;
    if (effect.type === 'focus') focus = effect.key;
    else if (effect.type === 'expand') for (const k of effect.keys) expanded.add(k);
    else if (effect.type === 'collapse') expanded.delete(effect.key);
  }
  return { focus, expanded };
}

const rowsOf = (expanded: Set<string>): TreeRow[] => visibleRows(roots, expanded);

describe('treeKeyEffect on the sample router tree', () => {
  it('moves down and up through the visible rows, and stops at the ends', () => {
    const rows = rowsOf(new Set());
    expect(rows.length).toBeGreaterThan(2);
    expect(walk(['ArrowDown']).focus).toBe(rows[0].node.key);
    expect(walk(['ArrowDown', 'ArrowDown', 'ArrowDown']).focus).toBe(rows[2].node.key);
    expect(walk(['ArrowDown', 'ArrowDown', 'ArrowUp']).focus).toBe(rows[0].node.key);
    expect(walk(['End', 'ArrowDown']).focus).toBe(rows[rows.length - 1].node.key);
    expect(walk(['End', 'Home', 'ArrowUp']).focus).toBe(rows[0].node.key);
  });

  it('Right expands a closed row, then enters its first child; Left goes back to the parent, then collapses', () => {
    const first = roots[0];
    const opened = walk(['Home', 'ArrowRight']);
    expect(opened.focus).toBe(first.key);
    expect(opened.expanded.has(first.key)).toBe(true);
    const entered = walk(['Home', 'ArrowRight', 'ArrowRight']);
    expect(entered.focus).toBe(first.children[0].key);
    const back = walk(['Home', 'ArrowRight', 'ArrowRight', 'ArrowLeft']);
    expect(back.focus).toBe(first.key);
    expect(back.expanded.has(first.key)).toBe(true);
    const closed = walk(['Home', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowLeft']);
    expect(closed.expanded.has(first.key)).toBe(false);
  });

  it('Down after expanding walks into the children in order', () => {
    const { focus, expanded } = walk(['Home', 'ArrowRight', 'ArrowDown', 'ArrowDown']);
    const rows = rowsOf(expanded);
    expect(rows[1].node.key).toBe(roots[0].children[0].key);
    expect(focus).toBe(rows[2].node.key);
  });

  it('`*` expands every collapsed sibling of the focused row, and nothing else', () => {
    const { expanded } = walk(['Home', '*']);
    const withChildren = roots.filter((r) => r.hasChildren).map((r) => r.key);
    expect([...expanded].sort()).toEqual(withChildren.sort());
    // Second level: only the first router's children open.
    const nested = walk(['Home', 'ArrowRight', 'ArrowRight', '*']).expanded;
    const childKeys = roots[0].children.filter((c) => c.hasChildren).map((c) => c.key);
    expect([...nested].sort()).toEqual([roots[0].key, ...childKeys].sort());
  });

  it('Enter and Space open the details, Shift+F10 and the Menu key the row menu, of the focused row', () => {
    const rows = rowsOf(new Set());
    const key = rows[1].node.key;
    const open: TreeKeyEffect = { type: 'open', key };
    expect(treeKeyEffect(rows, key, { key: 'Enter' })).toEqual(open);
    expect(treeKeyEffect(rows, key, { key: ' ' })).toEqual(open);
    expect(treeKeyEffect(rows, key, { key: 'F10', shiftKey: true })).toEqual({ type: 'menu', key });
    expect(treeKeyEffect(rows, key, { key: 'ContextMenu' })).toEqual({ type: 'menu', key });
    expect(treeKeyEffect(rows, key, { key: 'F10' })).toBeNull();
  });

  it('leaves app shortcuts (Ctrl/Cmd/Alt) and other keys alone', () => {
    const rows = rowsOf(new Set());
    expect(treeKeyEffect(rows, null, { key: 'ArrowDown', ctrlKey: true })).toBeNull();
    expect(treeKeyEffect(rows, null, { key: 'ArrowLeft', altKey: true })).toBeNull();
    expect(treeKeyEffect(rows, null, { key: 'k', metaKey: true })).toBeNull();
    expect(treeKeyEffect(rows, null, { key: 'x' })).toBeNull();
    expect(treeKeyEffect([], null, { key: 'ArrowDown' })).toBeNull();
  });
});

describe('treeKeyEffect on leaves and unknown focus', () => {
  const rows = [
    { node: { key: 'a', hasChildren: true }, depth: 0, expanded: true },
    { node: { key: 'a/b', hasChildren: false }, depth: 1, expanded: false },
    { node: { key: 'a/c', hasChildren: true }, depth: 1, expanded: false },
    { node: { key: 'd', hasChildren: true }, depth: 0, expanded: false },
  ];

  it('Right on a leaf does nothing; Left on a leaf goes to its parent', () => {
    expect(treeKeyEffect(rows, 'a/b', { key: 'ArrowRight' })).toBeNull();
    expect(treeKeyEffect(rows, 'a/b', { key: 'ArrowLeft' })).toEqual({ type: 'focus', key: 'a' });
    expect(treeKeyEffect(rows, 'd', { key: 'ArrowLeft' })).toBeNull();
  });

  it('a focus that left the view (collapsed away) restarts at the first row', () => {
    expect(treeKeyEffect(rows, 'gone', { key: 'ArrowDown' })).toEqual({ type: 'focus', key: 'a' });
  });

  it('collapsedSiblings stays under the same parent', () => {
    expect(collapsedSiblings(rows, 1)).toEqual(['a/c']);
    expect(collapsedSiblings(rows, 0)).toEqual(['d']);
  });
});
