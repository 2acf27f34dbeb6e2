import type { WorkOrder } from '@msched/contracts';
import { useCallback, useState } from 'react';
import { type Problem, describeProblem, toProblem } from '@/lib/problem';
import { useScheduleWorkOrderMutation } from '../api/schedule-work-order';
import { bookingLength, formatSpan } from '../utils/work-order-display';

/** A move the server refused, kept next to the bar (or backlog item) until dismissed or retried. */
export interface MoveConflict {
  workOrder: WorkOrder;
  technicianId: string;
  start: number;
  message: string;
  /** 409: skills or overlaps, which a planner may override knowingly. */
  canForce: boolean;
  /** 412: someone else changed the work order; the rows are fetched again. */
  stale: boolean;
}

export interface MoveOptions {
  force?: boolean;
  /** The Move dialog shows the refusal itself; the board keeps no note. */
  quiet?: boolean;
}

/** The server's own words for a conflict, without the API-level hint about `force`. */
export function conflictMessage(problem: Problem): string {
  if (problem.status === 409 && problem.detail) return problem.detail.replace(/;?\s*send force: true to assign anyway\.?$/, '');
  return describeProblem(problem, 'work order').message;
}

/**
 * Moving work on the board: the bar moves at once, the server decides. A refusal puts the bar
 * back and leaves the server's reason next to it; nothing is accepted silently.
 */
export function useBoardMoves(nameOf: (technicianId: string) => string) {
  const [schedule] = useScheduleWorkOrderMutation();
  const [conflicts, setConflicts] = useState<Record<string, MoveConflict>>({});
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  const dismiss = useCallback((workOrderId: string) => {
    setConflicts(({ [workOrderId]: _gone, ...rest }) => rest);
  }, []);

  const move = useCallback(
    async (workOrder: WorkOrder, technicianId: string, start: number, { force = false, quiet = false }: MoveOptions = {}) => {
      const end = start + bookingLength(workOrder);
      dismiss(workOrder.id);
      setSaving((ids) => new Set(ids).add(workOrder.id));
      const result = await schedule({
        workOrder,
        technicianId,
        scheduledStartTime: new Date(start).toISOString(),
        scheduledEndTime: new Date(end).toISOString(),
        force,
      });
      setSaving((ids) => new Set([...ids].filter((id) => id !== workOrder.id)));
      const problem = result.error ? toProblem(result.error) : null;
      if (problem) {
        const message = conflictMessage(problem);
        if (!quiet) {
          const conflict = { workOrder, technicianId, start, message, canForce: problem.status === 409, stale: problem.status === 412 };
          setConflicts((current) => ({ ...current, [workOrder.id]: conflict }));
        }
        setAnnouncement(`${workOrder.workOrderNumber} was not moved: ${message}`);
        return problem;
      }
      setAnnouncement(`${workOrder.workOrderNumber} booked with ${nameOf(technicianId)}, ${formatSpan(start, end)}.`);
      return null;
    },
    [schedule, dismiss, nameOf],
  );

  return { move, conflicts, dismiss, saving, announcement };
}

export type BoardMoves = ReturnType<typeof useBoardMoves>;
