import type { Priority, Technician, WorkOrder, WorkOrderStatus } from '@msched/contracts';
import { humanize } from '@/lib/format';
import { MINUTE_MS } from './board-time';

/** Work without an estimate is planned as an hour, as the optimizer does. */
const DEFAULT_MINUTES = 60;

/** Statuses a planner may (re)book; work under way or waiting for approval stays where it is. */
export const MOVABLE_STATUSES: readonly WorkOrderStatus[] = ['OPEN', 'SCHEDULED', 'ON_HOLD'];

export const isMovable = (workOrder: Pick<WorkOrder, 'status'>) => MOVABLE_STATUSES.includes(workOrder.status);

/** How long the booking lasts: its current length when booked, else the estimate. */
export function bookingLength(workOrder: Pick<WorkOrder, 'scheduledStartTime' | 'scheduledEndTime' | 'estimatedDuration'>): number {
  if (workOrder.scheduledStartTime && workOrder.scheduledEndTime) {
    const length = Date.parse(workOrder.scheduledEndTime) - Date.parse(workOrder.scheduledStartTime);
    if (length > 0) return length;
  }
  return (workOrder.estimatedDuration && workOrder.estimatedDuration > 0 ? workOrder.estimatedDuration : DEFAULT_MINUTES) * MINUTE_MS;
}

export const technicianName = (technician: Pick<Technician, 'firstName' | 'lastName'>) => `${technician.firstName} ${technician.lastName}`;

const time = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

const dated = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export const formatStart = (start: number) => time.format(start);

/** "Nov 30, 05:00–06:30" or "Nov 30, 22:00–Dec 1, 02:00": for spans beyond the week in view. */
export function formatDatedSpan(start: number, end: number): string {
  const sameDay = new Date(start).toDateString() === new Date(end).toDateString();
  return `${dated.format(start)}–${sameDay ? clock.format(end) : dated.format(end)}`;
}

/** "Mon 10:00–11:30" (the end's day only when it differs). */
export function formatSpan(start: number, end: number): string {
  const sameDay = new Date(start).toDateString() === new Date(end).toDateString();
  return `${time.format(start)}–${sameDay ? clock.format(end) : time.format(end)}`;
}

/** A bar's full description (its tooltip): number, title, priority, state, when and who. */
export function barLabel(workOrder: WorkOrder, who: string, span: { start: number; end: number }): string {
  return `${workOrder.workOrderNumber} ${workOrder.title}${barDetails(workOrder, who, span)}`;
}

/**
 * What a bar says beyond its visible number and title, read to screen readers only. The visible
 * text stays the start of the accessible name (WCAG 2.5.3: say what you see to click it by voice).
 */
export function barDetails(workOrder: WorkOrder, who: string, span: { start: number; end: number }): string {
  return `, ${workOrder.priority}, ${humanize(workOrder.status).toLowerCase()} ${formatSpan(span.start, span.end)} with ${who}`;
}

/**
 * Bar colours by priority, each carrying white text at ≥ 4.5:1 (WCAG AA); the state is shown by
 * the pattern (stripes while in progress, a dashed edge while waiting for approval) and in words.
 */
export const PRIORITY_FILL: Record<Priority, string> = {
  LOW: '#4f5b66',
  MEDIUM: '#0b5f7a',
  HIGH: '#8a4b00',
  CRITICAL: '#b3261e',
};
