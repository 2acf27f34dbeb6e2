import type { Technician } from '@msched/contracts';
import { Box } from '@mui/material';
import { type DragEvent, useRef, useState } from 'react';
import { type Leave, firstWorkingInstant } from '../utils/availability';
import { type Interval, type Slot, placeOnAxis } from '../utils/board-time';
import type { RowBar } from '../utils/row-bars';
import { BoardBar, LANE_HEIGHT, TRACK_PADDING } from './BoardBar';
import { useBoard } from './board-context';
import { RowShading } from './RowShading';

/** Days begin with a darker line than the hours (or half-days) inside them. */
export const dayLine = (range: { view: string }, start: number) =>
  range.view === 'week' && new Date(start).getHours() === 0 ? 'grey.500' : 'divider';

interface Props {
  technician: Technician;
  bars: readonly RowBar[];
  /** null until the availability has loaded. */
  working: readonly Interval[] | null;
  offShift: readonly Interval[];
  leave: readonly Leave[];
  /** Where a bar being moved with the keys was: outlined until the move is saved or undone. */
  ghost: Interval | null;
}

/**
 * A technician's time line: shading, drop slots and bars. A drop on a day's hour starts the work
 * at that hour; on a week's half-day, at the technician's first working minute in it (or the
 * half-day's start when they do not work then). The server decides whether it may stay there.
 */
export function RowTrack({ technician, bars, working, offShift, leave, ghost }: Props) {
  const board = useBoard();
  const { range } = board;
  const track = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState<string | null>(null);
  const lanes = Math.max(1, ...bars.map((bar) => bar.lane + 1));

  const slotOf = (event: DragEvent): Slot | undefined => {
    const element = (event.target as HTMLElement).closest<HTMLElement>('[data-slot-start]');
    if (element) return range.slots.find((slot) => slot.start === Number(element.dataset.slotStart));
    // Dropped on a bar: the slot under the pointer.
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return undefined;
    const instant = range.start + ((event.clientX - box.left) / box.width) * (range.end - range.start);
    return range.slots.find((slot) => slot.start <= instant && instant < slot.end);
  };

  const onDragOver = (event: DragEvent) => {
    if (!board.dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(slotOf(event)?.key ?? null);
  };

  const onDrop = (event: DragEvent) => {
    const workOrder = board.dragged;
    const slot = slotOf(event);
    setOver(null);
    board.setDragged(null);
    if (!workOrder || !slot) return;
    event.preventDefault();
    const start = range.view === 'week' && working ? (firstWorkingInstant(working, slot) ?? slot.start) : slot.start;
    void board.moves.move(workOrder, technician.id, start);
  };

  return (
    <Box
      ref={track}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(null)}
      onDrop={onDrop}
      sx={{ position: 'relative', flex: 1, height: lanes * LANE_HEIGHT + TRACK_PADDING * 2 - 6, minHeight: 48 }}
    >
      <RowShading range={range} offShift={offShift} leave={leave} />
      {range.slots.map((slot) => {
        const place = placeOnAxis(range, slot);
        if (!place) return null;
        return (
          <Box
            key={slot.key}
            data-testid={`board-slot-${technician.employeeId}-${slot.key}`}
            data-slot-start={slot.start}
            sx={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: `${place.left}%`,
              width: `${place.width}%`,
              borderLeft: 1,
              borderColor: dayLine(range, slot.start),
              bgcolor: over === slot.key ? 'rgba(26, 79, 139, 0.18)' : undefined,
            }}
          />
        );
      })}
      {ghost && <Ghost range={range} span={ghost} />}
      {bars.map((bar) => (
        <BoardBar
          key={bar.workOrder.id}
          workOrder={bar.workOrder}
          technicianId={technician.id}
          span={bar.span}
          lane={bar.lane}
          nudged={bar.nudged}
          crew={bar.crew}
        />
      ))}
    </Box>
  );
}

function Ghost({ range, span }: { range: Interval; span: Interval }) {
  const place = placeOnAxis(range, span);
  if (!place) return null;
  return (
    <Box
      aria-hidden
      sx={{
        position: 'absolute',
        left: `${place.left}%`,
        width: `${place.width}%`,
        top: TRACK_PADDING,
        height: LANE_HEIGHT - 6,
        border: '2px dashed',
        borderColor: 'text.secondary',
        borderRadius: 1,
      }}
    />
  );
}
