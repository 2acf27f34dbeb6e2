import type { CalendarTrigger, CalendarUnit, MeterTrigger } from '@msched/contracts';
import { formatDate } from '@/lib/format';

const UNIT_WORDS: Record<CalendarUnit, [string, string]> = {
  DAY: ['day', 'days'],
  WEEK: ['week', 'weeks'],
  MONTH: ['month', 'months'],
  YEAR: ['year', 'years'],
};

export const unitLabel = (unit: CalendarUnit, count = 2) => UNIT_WORDS[unit][count === 1 ? 0 : 1];

/** A local date (`YYYY-MM-DD`) as the user reads dates, without shifting it through UTC. */
export const formatLocalDate = (date: string) => formatDate(`${date}T12:00:00`);

/** "Every 3 months from 1 Jan 2026, fixed dates" / "RRULE FREQ=MONTHLY;BYDAY=1MO from …". */
export function describeCalendar(calendar: CalendarTrigger): string {
  const rule = calendar.rrule
    ? `Rule ${calendar.rrule}`
    : calendar.every === 1
      ? `Every ${unitLabel(calendar.unit ?? 'DAY', 1)}`
      : `Every ${calendar.every} ${unitLabel(calendar.unit ?? 'DAY')}`;
  const until = calendar.endsOn ? ` until ${formatLocalDate(calendar.endsOn)}` : '';
  const mode = calendar.mode === 'FLOATING' ? 'counted from the last completion' : 'fixed dates';
  return `${rule} from ${formatLocalDate(calendar.startsOn)}${until}, ${mode}`;
}

/** "every 500 h, or above 80 h, or below 2 h" (the meter's unit when known). */
export function describeMeter(meter: MeterTrigger, unit = ''): string {
  const suffix = unit ? ` ${unit}` : '';
  const parts = [
    meter.every !== undefined ? `every ${meter.every}${suffix}` : null,
    meter.above !== undefined ? `above ${meter.above}${suffix}` : null,
    meter.below !== undefined ? `below ${meter.below}${suffix}` : null,
  ].filter(Boolean);
  return parts.join(', or ');
}
