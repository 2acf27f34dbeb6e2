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
  /** 409: skills or overlaps, which a planner may override knowingly. (A 412 is not: the rows are asked again instead.) */
  canForce: boolean;
}

export interface MoveOptions {
  force?: boolean;
  /** The Move dialog shows the refusal itself; the board keeps no note. */
  quiet?: boolean;
}

/**
 * The server's own words for a conflict, without the API-level hint about `force`. A 412 says
 * what the board does about it: the mutation has the rows asked again, so the newest version shows.
 */
export function conflictMessage(problem: Problem): string {
  if (problem.status === 409 && problem.detail) return problem.detail.replace(/;?\s*send force: true to assign anyway\.?$/, '');
  if (problem.status === 412)
    return 'someone else changed it meanwhile. The board now shows their version: move it again if it still needs to.';
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
          const conflict = { workOrder, technicianId, start, message, canForce: problem.status === 409 };
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
