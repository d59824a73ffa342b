/**
 * What surrounds the graph's canvas: the rail beside it with the zoom controls and the minimap
 * (beside, not over it: nothing drawn can hide under them, wherever the view is panned), the fit
 * that keeps names readable, and the level of detail written on the canvas for the CSS to follow.
 */
import { useEffect, useState, type RefObject } from 'react';
import { IconFocusCentered, IconMap, IconMapOff } from '@tabler/icons-react';
import { ControlButton, Controls, MiniMap, useReactFlow, useStore, useStoreApi, type Node } from '@xyflow/react';
import type { GraphLayout } from './elk-graph';
import type { TopologyNodeData } from './GraphNodes';
import {
  layoutBounds,
  levelOfDetail,
  READABLE_FIT,
  readableViewport,
  type FitOptions,
  type Rect,
} from './readable-view';
import { kindColor } from '../node-style';
import classes from '../topology.module.css';

/** Moves the viewport to show `bounds` (everything laid out by default) with its names readable. */
export function useReadableFit(layout: GraphLayout) {
  const flow = useReactFlow();
  const store = useStoreApi();
  return (bounds: Rect | null = layoutBounds(layout), options: FitOptions = READABLE_FIT, duration = 0) => {
    const { width, height } = store.getState();
    if (!bounds || !width || !height) return;
    void flow.setViewport(readableViewport(bounds, { width, height }, options), { duration });
  };
}

/**
 * Writes the level of detail of the current zoom on `target` (data-lod). It selects the level,
 * not the zoom: zooming re-renders nothing until the level changes, and then only this, not the
 * thousands of nodes (the CSS shows or hides their text).
 */
export function LevelOfDetail({ target }: { target: RefObject<HTMLElement | null> }) {
  const level = useStore((s) => levelOfDetail(s.transform[2]));
  useEffect(() => target.current?.setAttribute('data-lod', level), [level, target]);
  return null;
}

function minimapColor(n: Node): string {
  return n.type === 'frame'
    ? 'transparent'
    : `var(--mantine-color-${kindColor[(n.data as TopologyNodeData).node.kind]}-5)`;
}

/** xyflow's panels are absolutely placed over the canvas; in the rail they flow. */
const inRail = { position: 'static', margin: 0 } as const;

/**
 * The rail at the canvas's right: the minimap (when the graph has one; it can be folded away)
 * above the zoom buttons, whose fit button fits as the first view does (names readable).
 */
export function GraphRail({
  minimap,
  onFit,
  scheme,
}: {
  minimap: boolean;
  onFit: () => void;
  scheme: 'light' | 'dark';
}) {
  const [open, setOpen] = useState(true);
  const shown = minimap && open;
  return (
    // The class gives xyflow's colour variables to the panels outside the canvas.
    <div className={`react-flow ${scheme} ${classes.graphRail}`} data-open={shown || undefined}>
      {shown && (
        <MiniMap
          pannable
          zoomable
          ariaLabel="Graph overview map"
          style={{ ...inRail, width: 170, height: 110 }}
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
        />
      )}
      <Controls
        showInteractive={false}
        showFitView={false}
        orientation={shown ? 'horizontal' : 'vertical'}
        style={inRail}
        aria-label="Graph controls"
      >
        <ControlButton
          className={classes.graphRailIcon}
          onClick={onFit}
          title="Fit view (names stay readable)"
          aria-label="Fit view"
        >
          <IconFocusCentered />
        </ControlButton>
        {minimap && (
          <ControlButton
            className={classes.graphRailIcon}
            onClick={() => setOpen((o) => !o)}
            title={open ? 'Hide the overview map' : 'Show the overview map'}
            aria-label="Overview map"
            aria-pressed={open}
          >
            {open ? <IconMapOff /> : <IconMap />}
          </ControlButton>
        )}
      </Controls>
    </div>
  );
}
