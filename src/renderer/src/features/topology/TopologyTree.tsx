/**
 * A virtualized tree (router tree or network tree): only the rows on screen are in the DOM, so a
 * 10,000-port tenant scrolls like a small one. Expand / collapse, counts, search highlights,
 * scroll-to-row, the WAI-ARIA tree keys (tree-keys.ts, roving tabindex) and the row menu.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useEffectEvent, type KeyboardEvent } from 'react';
import { Text } from '@mantine/core';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { refKey, visibleRows, type TopologyModel, type TreeNode, type TreeRow } from '@shared/topology';
import { RowMenu, type RowMenuState } from './RowMenu';
import type { RowActions } from './row-menu-actions';
import { TreeRowView } from './TreeRowView';
import { onlyMatchRows } from './match-filter';
import { treeKeyEffect, type TreeKeyEffect } from './tree-keys';
import classes from './topology.module.css';

const ROW_HEIGHT = 34;

export interface TopologyTreeProps {
  /** Accessible name, e.g. "Router tree". */
  label: string;
  roots: readonly TreeNode[];
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  selectedKey: string | null;
  onSelect: (node: TreeNode) => void;
  /** Entity keys (`port:<id>`) matching the search: their rows are highlighted. */
  highlighted: ReadonlySet<string>;
  /** Scrolls the row with this key into view whenever the nonce changes. */
  scrollTo: { key: string; nonce: number } | null;
  /** Enter on a row, or "Show details" in its menu: select it and open the drawer. */
  onOpen?: (node: TreeNode) => void;
  /** The row menu's actions (and the instance rows' "Metadata lookup" button). */
  actions: RowActions;
  /** For the row menu's copy entries. */
  model: TopologyModel;
  /** "Show only matches": only these row keys (matches and their ancestors) and what is under a match. */
  only?: ReadonlySet<string> | null;
  /** Instances with a blocking metadata finding (from the doctor's fleet check). */
  blockedInstances?: ReadonlySet<string>;
  emptyText: string;
  /** Height of the scroll area (CSS). */
  height: string;
}

function rowElement(scroll: HTMLElement | null, key: string): HTMLElement | null {
  return scroll?.querySelector<HTMLElement>(`[role="treeitem"][data-key="${CSS.escape(key)}"]`) ?? null;
}

/**
 * The roving tab stop: one focusable row (the focused one, else the selected one, else the first).
 * Moving it scrolls the virtual list and focuses the row once it is rendered.
 */
function useRovingFocus(
  rows: readonly TreeRow[],
  selectedKey: string | null,
  scrollRef: React.RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
) {
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [pending, setPending] = useState<{ key: string; nonce: number } | null>(null);
  const has = (key: string | null) => !!key && rows.some((r) => r.node.key === key);
  const tabStop = has(focusKey) ? focusKey : has(selectedKey) ? selectedKey : (rows[0]?.node.key ?? null);

  const moveFocus = useCallback(
    (key: string) => {
      setFocusKey(key);
      const index = rows.findIndex((r) => r.node.key === key);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
      setPending((old) => ({ key, nonce: (old?.nonce ?? 0) + 1 }));
    },
    [rows, virtualizer],
  );

  // The row may render only after the scroll: try for a few frames.
  useEffect(() => {
    if (!pending) return undefined;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      const el = rowElement(scrollRef.current, pending.key);
      if (el) el.focus({ preventScroll: true });
      else if (tries++ < 10) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [pending, scrollRef]);

  return { tabStop, setFocusKey, moveFocus };
}

function useScrollToRow(
  rows: readonly TreeRow[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollTo: { key: string; nonce: number } | null,
) {
  // Only when asked (nonce), not on every expand.
  const scrollToRow = useEffectEvent((key: string) => {
    const index = rows.findIndex((r) => r.node.key === key);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  });
  const hasRows = rows.length > 0;
  const scrollKey = scrollTo?.key;
  useEffect(() => {
    if (scrollKey !== undefined) scrollToRow(scrollKey);
  }, [scrollTo?.nonce, scrollKey, hasRows]);
}

/** Applies a key effect: focus moves, expand / collapse through onToggle, Enter opens, menu opens at the row. */
function applyEffect(
  effect: TreeKeyEffect,
  rows: readonly TreeRow[],
  actions: {
    moveFocus: (key: string) => void;
    onToggle: (key: string) => void;
    open: (node: TreeNode) => void;
    menu: (node: TreeNode, at: { x: number; y: number }) => void;
    element: (key: string) => HTMLElement | null;
  },
): void {
  const node = (key: string) => rows.find((r) => r.node.key === key)?.node;
  switch (effect.type) {
    case 'focus':
      return actions.moveFocus(effect.key);
    case 'expand':
      return effect.keys.forEach(actions.onToggle);
    case 'collapse':
      return actions.onToggle(effect.key);
    case 'open': {
      const target = node(effect.key);
      return target && actions.open(target);
    }
    case 'menu': {
      const target = node(effect.key);
      const rect = actions.element(effect.key)?.getBoundingClientRect();
      if (target && rect) actions.menu(target, { x: rect.left + 48, y: rect.bottom });
    }
  }
}

/** The row menu and the tree's keys: focus moves, toggles, Enter opens, Shift+F10 opens the menu. */
function useTreeInteraction(
  props: TopologyTreeProps,
  rows: readonly TreeRow[],
  scrollRef: React.RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
) {
  const { onToggle, selectedKey, onSelect, onOpen } = props;
  const { tabStop, setFocusKey, moveFocus } = useRovingFocus(rows, selectedKey, scrollRef, virtualizer);
  const [menu, setMenu] = useState<RowMenuState | null>(null);
  const open = onOpen ?? onSelect;
  const select = useCallback(
    (node: TreeNode) => {
      setFocusKey(node.key);
      onSelect(node);
    },
    [onSelect, setFocusKey],
  );
  const openMenu = useCallback(
    (node: TreeNode, at: { x: number; y: number }) => {
      setFocusKey(node.key);
      setMenu({ node, ...at });
    },
    [setFocusKey],
  );
  const closeMenu = () => {
    const key = menu?.node.key;
    setMenu(null);
    if (key) rowElement(scrollRef.current, key)?.focus({ preventScroll: true });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target instanceof Node) || !scrollRef.current?.contains(e.target)) return;
    const current = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.key ?? tabStop;
    const effect = treeKeyEffect(rows, current ?? null, e);
    if (!effect) return;
    e.preventDefault();
    applyEffect(effect, rows, {
      moveFocus,
      onToggle,
      open,
      menu: openMenu,
      element: (key) => rowElement(scrollRef.current, key),
    });
  };
  const onDetails = (node: TreeNode) => {
    setMenu(null);
    open(node);
  };
  return { tabStop, select, menu, openMenu, closeMenu, onKeyDown, onDetails };
}

export function TopologyTree(props: TopologyTreeProps) {
  const { label, roots, expanded, onToggle, selectedKey, highlighted, scrollTo, only } = props;
  const rows = useMemo(() => {
    const all = visibleRows(roots, expanded);
    return only ? onlyMatchRows(all, only) : all;
  }, [roots, expanded, only]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index].node.key,
  });
  const ui = useTreeInteraction(props, rows, scrollRef, virtualizer);
  useScrollToRow(rows, virtualizer, scrollTo);

  if (roots.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" role="status">
        {props.emptyText}
      </Text>
    );
  }
  const rowView = (row: TreeRow) => (
    <TreeRowView
      row={row}
      selected={row.node.key === selectedKey}
      focusable={row.node.key === ui.tabStop}
      highlighted={!!row.node.ref && highlighted.has(refKey(row.node.ref))}
      onToggle={onToggle}
      onSelect={ui.select}
      onMenu={ui.openMenu}
      onInstanceLookup={props.actions.onInstanceLookup}
      metadataBlocked={row.node.kind === 'instance' && !!row.node.ref && !!props.blockedInstances?.has(row.node.ref.id)}
    />
  );
  return (
    <>
      <div
        ref={scrollRef}
        className={classes.treeScroll}
        style={{ height: props.height }}
        role="tree"
        aria-label={label}
        aria-multiselectable={false}
        onKeyDown={ui.onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="none"
              className={classes.virtualRow}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {rowView(rows[item.index])}
            </div>
          ))}
        </div>
      </div>
      <RowMenu
        model={props.model}
        menu={ui.menu}
        onClose={ui.closeMenu}
        onDetails={ui.onDetails}
        actions={props.actions}
      />
    </>
  );
}
