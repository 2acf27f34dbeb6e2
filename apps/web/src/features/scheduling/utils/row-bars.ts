import type { WorkOrder } from '@msched/contracts';
import type { Interval } from './board-time';
import { bookingLength } from './work-order-display';

export interface RowBar {
  workOrder: WorkOrder;
  span: Interval;
  lane: number;
  nudged: boolean;
}

interface NudgeLike {
  workOrder: WorkOrder;
  technicianId: string;
  start: number;
}

/**
 * The bars of one technician's row: their booked work, with a keyboard move in progress drawn
 * where it is going (and not where it was). Overlapping bookings stack in lanes, so a double
 * booking is visible rather than hidden under another bar.
 */
export function rowBars(technicianId: string, booked: readonly WorkOrder[], nudge: NudgeLike | null): RowBar[] {
  const bars = booked
    .filter((workOrder) => workOrder.technicianId === technicianId && workOrder.scheduledStartTime && workOrder.scheduledEndTime)
    .filter((workOrder) => workOrder.id !== nudge?.workOrder.id)
    .map((workOrder) => ({
      workOrder,
      span: { start: Date.parse(workOrder.scheduledStartTime!), end: Date.parse(workOrder.scheduledEndTime!) },
      nudged: false,
    }));
  if (nudge && nudge.technicianId === technicianId) {
    bars.push({
      workOrder: nudge.workOrder,
      span: { start: nudge.start, end: nudge.start + bookingLength(nudge.workOrder) },
      nudged: true,
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
