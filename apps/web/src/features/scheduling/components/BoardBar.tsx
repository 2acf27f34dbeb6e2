import { visuallyHidden } from '@/components/ui/visually-hidden';
import type { WorkOrder } from '@msched/contracts';
import { Box } from '@mui/material';
import { type DragEvent, type KeyboardEvent, useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { DAY_MS, type Interval, nudgeStep, placeOnAxis } from '../utils/board-time';
import { PRIORITY_FILL, barDetails, barLabel, isMovable } from '../utils/work-order-display';
import { type Nudge, useBoard } from './board-context';

export const LANE_HEIGHT = 36;
export const TRACK_PADDING = 6;
export const DRAG_TYPE = 'application/x-msched-work-order';
export const KEY_HELP_ID = 'board-key-help';

interface Props {
  workOrder: WorkOrder;
  technicianId: string;
  span: Interval;
  lane: number;
  nudged: boolean;
  /** In a crew member's row: it moves with its lead's bar, so here it only links to the work order. */
  crew?: boolean;
}

/** Focuses a work order's bar once it is drawn (next frame): after a move re-drew it, or put it back. */
export const focusBar = (workOrderNumber: string) =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="board-bar-${workOrderNumber}"]`)?.focus());

const STATE_PATTERN: Partial<Record<WorkOrder['status'], object>> = {
  IN_PROGRESS: { backgroundImage: 'repeating-linear-gradient(135deg, rgba(255,255,255,.2) 0 6px, transparent 6px 12px)' },
  PENDING_APPROVAL: { border: '2px dashed #fff' },
};

/** One booked work order on a technician's row: drag it, or focus it and use the keys. */
export function BoardBar({ workOrder, technicianId, span, lane, nudged, crew = false }: Props) {
  const board = useBoard();
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);
  const movable = board.canEdit && isMovable(workOrder) && !crew;
  const saving = board.moves.saving.has(workOrder.id);
  const place = placeOnAxis(board.range, span);

  useEffect(() => {
    // A keyboard move re-draws the bar in another row or back in its own: keep the focus on it.
    if ((board.focusNext.current === workOrder.id && !crew) || nudged) {
      board.focusNext.current = null;
      element.current?.focus();
    }
  }, [board.focusNext, workOrder.id, nudged, crew]);

  if (!place) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (!movable) return;
    const current: Nudge = board.nudge?.workOrder.id === workOrder.id ? board.nudge : { workOrder, technicianId, start: span.start };
    const step = event.shiftKey ? DAY_MS : nudgeStep(board.range.view);
    const rowIndex = board.rows.findIndex((row) => row.id === current.technicianId);
    const rowAt = (offset: number) => board.rows[rowIndex + offset];
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight':
        board.setNudge({ ...current, start: current.start + (event.key === 'ArrowLeft' ? -step : step) });
        break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const next = rowAt(event.key === 'ArrowUp' ? -1 : 1);
        if (next) board.setNudge({ ...current, technicianId: next.id });
        break;
      }
      case 'Enter':
        if (board.nudge?.workOrder.id === workOrder.id) {
          board.setNudge(null);
          board.focusNext.current = workOrder.id;
          // Saved or put back, the bar is drawn anew: the focus follows it.
          void board.moves.move(workOrder, current.technicianId, current.start).then(() => focusBar(workOrder.workOrderNumber));
        } else board.openMove(workOrder);
        break;
      case ' ':
        board.openMove(workOrder);
        break;
      case 'Escape':
        if (!board.nudge) return;
        board.focusNext.current = workOrder.id;
        board.setNudge(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, workOrder.id);
    event.dataTransfer.setData('text/plain', workOrder.workOrderNumber);
    event.dataTransfer.effectAllowed = 'move';
    board.setNudge(null);
    board.setDragged(workOrder);
  };

  const open = () => (movable ? board.openMove(workOrder) : navigate(`/work-orders/${workOrder.id}`));
  const label = `${barLabel(workOrder, board.nameOf(technicianId), span)}${crew ? ' (crew)' : ''}`;

  return (
    <Box
      ref={element}
      role={movable ? 'button' : 'link'}
      tabIndex={0}
      aria-describedby={movable ? KEY_HELP_ID : undefined}
      data-testid={`board-${crew ? 'crew-' : ''}bar-${workOrder.workOrderNumber}`}
      draggable={movable}
      title={label}
      onDragStart={movable ? onDragStart : undefined}
      onDragEnd={() => board.setDragged(null)}
      onKeyDown={(event) => (event.key === 'Enter' && !movable ? open() : onKeyDown(event))}
      onClick={open}
      sx={{
        position: 'absolute',
        left: `${place.left}%`,
        width: `max(${place.width}%, 8px)`,
        top: TRACK_PADDING + lane * LANE_HEIGHT,
        height: LANE_HEIGHT - 6,
        px: 0.75,
        display: 'flex',
        alignItems: 'center',
        gap: 0.5,
        bgcolor: PRIORITY_FILL[workOrder.priority],
        color: '#fff',
        borderRadius: 1,
        fontSize: 12,
        lineHeight: 1.2,
        overflow: 'hidden',
        whiteSpace: 'nowrap',
        cursor: movable ? 'grab' : 'pointer',
        opacity: saving ? 0.7 : 1,
        boxShadow: nudged ? '0 0 0 3px #fff, 0 0 0 5px #1a4f8b' : 1,
        // Other bars let a drop through to the slots underneath while something is dragged.
        pointerEvents: board.dragged && board.dragged.id !== workOrder.id ? 'none' : 'auto',
        zIndex: nudged ? 3 : 2,
        '&:focus-visible': { outline: '3px solid #000', outlineOffset: 2 },
        ...STATE_PATTERN[workOrder.status],
      }}
    >
      <Box component="span" sx={{ fontWeight: 700 }}>
        {workOrder.workOrderNumber}
      </Box>{' '}
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {workOrder.title}
      </Box>
      <Box component="span" sx={visuallyHidden}>
        {`${barDetails(workOrder, board.nameOf(technicianId), span)}${crew ? ', in the crew' : ''}${nudged ? ', not saved yet' : ''}${saving ? ', saving' : ''}`}
      </Box>
    </Box>
  );
}
