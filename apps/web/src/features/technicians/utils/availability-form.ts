import { TechnicianAvailability } from '@msched/contracts';
import { plainCalendarErrors } from '@/components/weekly-calendar/calendar-messages';
import type { WeeklyCalendarWording } from '@/components/weekly-calendar/wording';
import type { FieldErrors } from '@/lib/form-errors';
import { type WeeklyCalendarForm, weeklyCalendarBody, weeklyCalendarErrors } from '@/lib/weekly-calendar-form';

/** A technician's availability as the shared weekly-calendar pieces name it: shifts, leave and extra time. */
export const AVAILABILITY_WORDING: WeeklyCalendarWording = {
  row: 'shift',
  weekly: 'Weekly shifts',
  timezone: 'Time zone of the shifts',
  timesIn: 'Shift times in',
  emptyDay: 'Off',
  exceptions: 'Leave and extra time (your local time)',
  exceptionsAhead: 'Leave and extra time ahead',
  addException: 'Add leave or extra time',
  unavailable: { option: 'Away (leave)', short: 'Away' },
  available: { option: 'Extra time', short: 'Extra time' },
  overtime: { option: 'Overtime (paid extra)', short: 'Overtime' },
};

/**
 * The form as `PUT /technicians/:id/availability` takes it, checked by the contract's schema;
 * or its messages by field (`weeklyPattern.0.start`, `exceptions.1.end`, `timezone`) in plain words.
 */
export function parseAvailabilityForm(form: WeeklyCalendarForm): { availability: TechnicianAvailability } | { errors: FieldErrors } {
  const parsed = TechnicianAvailability.safeParse(weeklyCalendarBody(form));
  return parsed.success ? { availability: parsed.data } : { errors: plainCalendarErrors(weeklyCalendarErrors(parsed.error, form)) };
}
