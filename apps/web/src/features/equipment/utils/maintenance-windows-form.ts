import { type Equipment, MaintenanceWindows } from '@msched/contracts';
import { plainCalendarErrors, plainCalendarMessage } from '@/components/weekly-calendar/calendar-messages';
import type { WeeklyCalendarWording } from '@/components/weekly-calendar/wording';
import type { FieldErrors } from '@/lib/form-errors';
import { type WeeklyCalendarForm, toWeeklyCalendarForm, weeklyCalendarBody, weeklyCalendarErrors } from '@/lib/weekly-calendar-form';

/** Maintenance windows as the shared weekly-calendar pieces name them: weekly windows, dated additions and exclusions. */
export const WINDOWS_WORDING: WeeklyCalendarWording = {
  row: 'window',
  weekly: 'Weekly maintenance windows',
  timezone: 'Time zone of the windows',
  timesIn: 'Window times in',
  emptyDay: 'No window',
  exceptions: 'Dated additions and exclusions (your local time)',
  exceptionsAhead: 'Dated additions and exclusions ahead',
  addException: 'Add a dated addition or exclusion',
  unavailable: { option: 'No window (e.g. the line runs)', short: 'No window' },
  available: { option: 'Extra window (e.g. a planned shutdown)', short: 'Extra window' },
};

/** The browser's own zone, where a machine has no windows yet to take one from. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function toWindowsForm(equipment: Equipment): WeeklyCalendarForm {
  return equipment.maintenanceWindows
    ? toWeeklyCalendarForm(equipment.maintenanceWindows)
    : { timezone: browserTimeZone(), weeklyPattern: [], exceptions: [] };
}

/**
 * The windows as `PATCH /equipment/:id` takes them, checked by the contract's schema (its messages
 * in plain words); a form with no rows at all clears them (null), so the machine reads as "none defined" again.
 */
export function parseWindowsForm(form: WeeklyCalendarForm): { maintenanceWindows: MaintenanceWindows | null } | { errors: FieldErrors } {
  if (form.weeklyPattern.length === 0 && form.exceptions.length === 0) return { maintenanceWindows: null };
  const parsed = MaintenanceWindows.safeParse(weeklyCalendarBody(form));
  return parsed.success ? { maintenanceWindows: parsed.data } : { errors: plainCalendarErrors(weeklyCalendarErrors(parsed.error, form)) };
}

const PREFIX = 'maintenanceWindows.';

/** The server's messages about the windows (`maintenanceWindows.weeklyPattern.0.end`) at the form's own paths, in plain words. */
export const windowsFieldErrors = (serverErrors: FieldErrors): FieldErrors =>
  Object.fromEntries(
    Object.entries(serverErrors)
      .filter(([path]) => path.startsWith(PREFIX))
      .map(([path, message]) => [path.slice(PREFIX.length), plainCalendarMessage(message)]),
  );
