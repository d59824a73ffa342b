/**
 * What a row's menu can do beyond copying, each provided by the page that knows where to go:
 * open the instance on the metadata page, resolve through a router or network, start a listener.
 * Absent handlers hide their entries (an offline snapshot has no cloud to act on).
 */
import type { EntityRef } from '@shared/topology';

export interface RowActions {
  /** An instance: the Instance metadata page. */
  onInstanceLookup?: (instanceId: string) => void;
  /** A router or network: the metadata page's resolve panel, through it. */
  onResolveHere?: (ref: EntityRef) => void;
  /** A router or network: a new namespace listener on the proxy page. */
  onStartListener?: (ref: EntityRef) => void;
  /** An instance: a new single-instance listener answering as it. */
  onServeAs?: (instanceId: string) => void;
}

export interface RowActionEntry {
  label: 'Metadata lookup' | 'Serve as this instance' | 'Resolve here' | 'Start namespace listener';
  run: () => void;
}

/** The action entries of `ref`'s menu, in the order an admin reaches for them. */
export function actionEntries(ref: EntityRef, actions: RowActions): RowActionEntry[] {
  const { onInstanceLookup, onServeAs, onResolveHere, onStartListener } = actions;
  const entries: Array<RowActionEntry | false | undefined> =
    ref.kind === 'server'
      ? [
          onInstanceLookup && { label: 'Metadata lookup', run: () => onInstanceLookup(ref.id) },
          onServeAs && { label: 'Serve as this instance', run: () => onServeAs(ref.id) },
        ]
      : ref.kind === 'router' || ref.kind === 'network'
        ? [
            onResolveHere && { label: 'Resolve here', run: () => onResolveHere(ref) },
            onStartListener && { label: 'Start namespace listener', run: () => onStartListener(ref) },
          ]
        : [];
  return entries.filter((e): e is RowActionEntry => !!e);
}
