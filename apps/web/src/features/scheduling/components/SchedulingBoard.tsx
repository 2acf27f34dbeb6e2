/**
 * The scheduling board: technicians (rows) over a day or a week, booked work as bars coloured by
 * priority (stripes: in progress; dashed edge: pending approval), the unscheduled backlog beside
 * it, off-shift time shaded and leave hatched. Moves go to `POST /work-orders/:id/assign`; a
 * refusal puts the bar back with the server's reason next to it.
 *
 * Hooks for browser tests (stable; the names and ids below are part of the screen's contract):
 * - backlog item: `data-testid="backlog-item-<workOrderNumber>"`, accessible name
 *   "WO-000123 <title>, <PRIORITY>, unscheduled";
 * - bar: `data-testid="board-bar-<workOrderNumber>"`, accessible name
 *   "WO-000123 <title>, <PRIORITY>, <status> <Mon 10:00–11:00> with <technician>";
 * - technician row: `data-testid="board-row-<employeeId>"` (a group named "<name> (<employeeId>)");
 * - drop slot: `data-testid="board-slot-<employeeId>-<YYYY-MM-DDTHH:mm>"` in the browser's local
 *   time: hourly on `?view=day`, half-days (00:00, 12:00) on `?view=week`; `?date=YYYY-MM-DD`
 *   picks the day (or the week holding it);
 * - refused move: `data-testid="board-conflict-<workOrderNumber>"` (role alert);
 * - optimizer: button "Run optimizer", input "Time limit (seconds)", button "Stop",
 *   progress bar "Optimizer progress", button "Publish schedule".
 * Dropping on a day's hour starts the work at that hour; on a week's half-day, at the
 * technician's first working minute in it (else the half-day's start).
 */
import type { WorkOrder } from '@msched/contracts';
import { Box } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PageHeader } from '@/components/ui/PageHeader';
import { useListBoardTechniciansQuery } from '../api/list-board-technicians';
import { useBoardMoves } from '../hooks/use-board-moves';
import { useBoardParams } from '../hooks/use-board-params';
import { boardRange } from '../utils/board-time';
import { srOnly } from '../utils/sr-only';
import { formatStart, technicianName } from '../utils/work-order-display';
import { BacklogPanel } from './BacklogPanel';
import { focusBar } from './BoardBar';
import { type BoardContextValue, BoardContext, type Nudge } from './board-context';
import { BoardLegend } from './BoardLegend';
import { BoardTimeline } from './BoardTimeline';
import { BoardToolbar } from './BoardToolbar';
import { MoveDialog } from './MoveDialog';
import { OptimizerPanel } from './OptimizerPanel';

const rangeTitle = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

export function SchedulingBoard({ canPlan }: { canPlan: boolean }) {
  const { board, update, rowLimits } = useBoardParams();
  const anchorKey = board.anchor.getTime();
  const range = useMemo(() => boardRange(board.view, new Date(anchorKey)), [board.view, anchorKey]);
  const technicians = useListBoardTechniciansQuery({ page: board.page, limit: board.limit, search: board.search || undefined });
  const everyone = useListBoardTechniciansQuery({ page: 1, limit: 100 });
  const [nudge, setNudge] = useState<Nudge | null>(null);
  const [dragged, setDragged] = useState<WorkOrder | null>(null);
  // The work the Move dialog was opened for; the dialog acts on the board's current copy of it (by id).
  const [moving, setMoving] = useState<WorkOrder | null>(null);
  const focusNext = useRef<string | null>(null);
  const bookedWithDialog = useRef<string | null>(null);
  const closeMove = useCallback((booked?: WorkOrder) => {
    bookedWithDialog.current = booked?.workOrderNumber ?? null;
    setMoving(null);
  }, []);
  useEffect(() => {
    // Once the dialog has given the focus back to what opened it, which the move replaced (a
    // backlog item, a bar in another row): the keyboard goes on from the bar, as after a keyboard move.
    if (moving || !bookedWithDialog.current) return;
    focusBar(bookedWithDialog.current);
    bookedWithDialog.current = null;
  }, [moving]);

  const rows = useMemo(() => technicians.data?.data ?? [], [technicians.data]);
  const nameOf = useCallback(
    (id: string) => {
      const technician = rows.find((row) => row.id === id) ?? everyone.data?.data.find((row) => row.id === id);
      return technician ? technicianName(technician) : 'another technician';
    },
    [rows, everyone.data],
  );
  const moves = useBoardMoves(nameOf);

  const context: BoardContextValue = {
    range,
    canEdit: canPlan,
    rows,
    nameOf,
    moves,
    nudge,
    setNudge,
    dragged,
    setDragged,
    openMove: setMoving,
    focusNext,
  };
  const nudgeText = nudge
    ? `${nudge.workOrder.workOrderNumber} to ${nameOf(nudge.technicianId)}, starting ${formatStart(nudge.start)}: Enter saves, Escape puts it back.`
    : '';

  return (
    <BoardContext.Provider value={context}>
      <PageHeader
        title="Scheduling board"
        subtitle={`${board.view === 'day' ? '' : 'Week of '}${rangeTitle.format(range.start)}${canPlan ? '' : ' · viewing only: planners and managers move work'}`}
      />
      <BoardToolbar board={board} canPlan={canPlan} onChange={update} />
      <Box sx={{ mb: 1.5 }}>
        <BoardLegend />
      </Box>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: '300px minmax(0, 1fr)' }, alignItems: 'start' }}>
        <BacklogPanel />
        <BoardTimeline
          technicians={technicians.data}
          isLoading={technicians.isLoading}
          error={technicians.error}
          onRetry={technicians.refetch}
          limits={rowLimits}
          onPage={(page, limit) => update({ page, limit })}
        />
      </Box>
      {canPlan && <OptimizerPanel range={range} runId={board.runId} onRun={(runId) => update({ runId })} nameOf={nameOf} />}
      <Box role="status" aria-live="polite" data-testid="board-announcer" sx={srOnly}>
        {nudgeText || moves.announcement}
      </Box>
      {moving && <MoveDialog workOrder={moving} onClose={closeMove} />}
    </BoardContext.Provider>
  );
}
