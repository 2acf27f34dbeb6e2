import type { WorkOrder } from '@msched/contracts';
import type { Interval } from './board-time';
import { bookingLength } from './work-order-display';

export interface RowBar {
  workOrder: WorkOrder;
  span: Interval;
  lane: number;
  nudged: boolean;
  /** In the row of a crew member, not of the technician who leads it: shown, moved from the lead's row. */
  crew: boolean;
}

interface NudgeLike {
  workOrder: WorkOrder;
  technicianId: string;
  start: number;
}

/**
 * The bars of one technician's row: their booked work, as its technician or in its crew, with a
 * keyboard move in progress drawn where it is going (and not where it was). Overlapping bookings
 * stack in lanes, so a double booking is visible rather than hidden under another bar.
 */
export function rowBars(technicianId: string, booked: readonly WorkOrder[], nudge: NudgeLike | null): RowBar[] {
  const inCrew = (workOrder: WorkOrder) => (workOrder.crewTechnicianIds ?? []).includes(technicianId);
  const bars = booked
    .filter(
      (workOrder) =>
        (workOrder.technicianId === technicianId || inCrew(workOrder)) && workOrder.scheduledStartTime && workOrder.scheduledEndTime,
    )
    .filter((workOrder) => workOrder.id !== nudge?.workOrder.id || workOrder.technicianId !== technicianId)
    .map((workOrder) => ({
      workOrder,
      span: { start: Date.parse(workOrder.scheduledStartTime!), end: Date.parse(workOrder.scheduledEndTime!) },
      nudged: false,
      crew: workOrder.technicianId !== technicianId,
    }));
  if (nudge && nudge.technicianId === technicianId) {
    bars.push({
      workOrder: nudge.workOrder,
      span: { start: nudge.start, end: nudge.start + bookingLength(nudge.workOrder) },
      nudged: true,
      crew: false,
    });
  }
  const laneEnds: number[] = [];
  return bars
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    .map((bar) => {
      let lane = laneEnds.findIndex((end) => end <= bar.span.start);
      if (lane < 0) lane = laneEnds.length;
      laneEnds[lane] = bar.span.end;
      return { ...bar, lane };
    });
}
