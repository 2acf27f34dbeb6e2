import { describe, expect, it } from 'vitest';
import { workOrder } from '@/test/fixtures';
import { rowBars } from './row-bars';

const ANA = '00000000-0000-4000-8000-0000000000a1';
const BEN = '00000000-0000-4000-8000-0000000000b1';
const at = (hours: number) => `2026-11-16T${String(hours).padStart(2, '0')}:00:00.000Z`;
const booking = (start: number, end: number, technicianId = ANA) =>
  workOrder({ status: 'SCHEDULED', technicianId, scheduledStartTime: at(start), scheduledEndTime: at(end) });

describe('the bars of a technician’s row', () => {
  it('stacks overlapping bookings in lanes so a double booking stays visible', () => {
    const first = booking(8, 10);
    const overlapping = booking(9, 11);
    const later = booking(10, 12);
    const lanes = rowBars(ANA, [later, overlapping, first], null).map((bar) => [bar.workOrder.id, bar.lane]);
    expect(lanes).toEqual([
      [first.id, 0],
      [overlapping.id, 1],
      [later.id, 0],
    ]);
  });

  it('draws a keyboard move where it is going, not where it was, keeping its length', () => {
    const moving = booking(8, 10);
    expect(rowBars(ANA, [moving], { workOrder: moving, technicianId: BEN, start: Date.parse(at(13)) })).toEqual([]);
    expect(rowBars(BEN, [], { workOrder: moving, technicianId: BEN, start: Date.parse(at(13)) })).toEqual([
      { workOrder: moving, span: { start: Date.parse(at(13)), end: Date.parse(at(15)) }, lane: 0, nudged: true, crew: false },
    ]);
  });

  it('shows crew work in each member’s row too, marked as crew there, and keeps it there while its lead’s bar is moved', () => {
    const crewed = workOrder({ ...booking(8, 10), crewTechnicianIds: [BEN] });
    expect(rowBars(ANA, [crewed], null).map((bar) => bar.crew)).toEqual([false]);
    expect(rowBars(BEN, [crewed], null)).toEqual([
      { workOrder: crewed, span: { start: Date.parse(at(8)), end: Date.parse(at(10)) }, lane: 0, nudged: false, crew: true },
    ]);
    const nudge = { workOrder: crewed, technicianId: ANA, start: Date.parse(at(13)) };
    expect(rowBars(BEN, [crewed], nudge).map((bar) => [bar.crew, bar.span.start])).toEqual([[true, Date.parse(at(8))]]);
    expect(rowBars(ANA, [crewed], nudge).map((bar) => [bar.nudged, bar.span.start])).toEqual([[true, Date.parse(at(13))]]);
  });

  it('leaves out work that belongs to someone else by now', () => {
    expect(rowBars(ANA, [booking(8, 9, BEN)], null)).toEqual([]);
  });
});
