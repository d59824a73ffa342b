/**
 * A vertical edge to drag (or move with the arrow keys) that sets a width: the request log's path
 * column, the topology's details drawer. `grows` says which way widens: 'right' for a column's
 * right edge, 'left' for a drawer's left edge.
 */
import classes from './resize-handle.module.css';

export interface ResizeHandleProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  grows: 'left' | 'right';
  onChange: (width: number) => void;
  className?: string;
  /** Draws the edge even when not hovered (a column border). */
  visible?: boolean;
}

export function ResizeHandle(props: ResizeHandleProps) {
  const { label, value, min, max, step = 24, grows, onChange, className, visible } = props;
  const clamp = (w: number) => Math.min(max, Math.max(min, Math.round(w)));
  const sign = grows === 'right' ? 1 : -1;
  const startDrag = (e: React.PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const startWidth = value;
    const move = (m: PointerEvent) => onChange(clamp(startWidth + sign * (m.clientX - startX)));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowLeft') onChange(clamp(value - sign * step));
    else if (e.key === 'ArrowRight') onChange(clamp(value + sign * step));
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`${classes.handle} ${className ?? ''}`}
      data-visible={visible || undefined}
      onPointerDown={startDrag}
      onKeyDown={keys}
    />
  );
}
