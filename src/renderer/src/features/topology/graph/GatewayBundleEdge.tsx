/** The edge drawing a bundle of gateways (gateway-bundles.ts): trunk, buses and ticks in one path. */
import { memo } from 'react';
import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import { trunkPath, type Point } from './gateway-bundles';

export type GatewayBundleData = { entry: Point; busPath: string };

export const GatewayBundleEdge = memo(function GatewayBundleEdge({
  sourceX,
  sourceY,
  data,
  style,
  label,
  labelStyle,
  labelBgStyle,
}: EdgeProps<Edge<GatewayBundleData>>) {
  if (!data) return null;
  const from = { x: sourceX, y: sourceY };
  return (
    <BaseEdge
      path={trunkPath(from, data.entry) + data.busPath}
      style={style}
      interactionWidth={0}
      label={label}
      labelX={(from.x + data.entry.x) / 2}
      labelY={(from.y + data.entry.y) / 2}
      labelStyle={labelStyle}
      labelBgStyle={labelBgStyle}
    />
  );
});

export const edgeTypes = { gatewayBundle: GatewayBundleEdge };
