import type { z } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from './form-errors';
import { fromLocalInput, toDateTimeInput } from './format';
import { nextRowKey } from './row-key';

// A weekly calendar is a time zone, a weekly pattern and dated exceptions: a technician's
// availability and a machine's maintenance windows are both written so.

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** weekday 1 = Monday … 7 = Sunday, as the contract numbers them. */
export const weekdayName = (weekday: number) => WEEKDAYS[weekday - 1] ?? `Day ${weekday}`;

/** A weekly calendar as the API answers it. */
export interface WeeklyCalendar {
  timezone: string;
  weeklyPattern: { weekday: number; start: string; end: string }[];
  exceptions: { start: string; end: string; available: boolean; overtime?: boolean; reason?: string | null }[];
}

/** One weekly row (a shift, a window); an end before the start runs past midnight. */
export interface WeeklyRow {
  key: number;
  weekday: number;
  /** `HH:MM`, as time inputs give them. */
  start: string;
  end: string;
}

export interface ExceptionRow {
  key: number;
  /** `datetime-local` values, in the browser's time. */
  start: string;
  end: string;
  available: boolean;
  /** Extra time paid as overtime (a technician's calendar only). */
  overtime?: boolean;
  reason: string;
}

export interface WeeklyCalendarForm {
  timezone: string;
  weeklyPattern: WeeklyRow[];
  exceptions: ExceptionRow[];
}

export function toWeeklyCalendarForm(calendar: WeeklyCalendar): WeeklyCalendarForm {
  return {
    timezone: calendar.timezone,
    weeklyPattern: [...calendar.weeklyPattern]
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
      .map(({ weekday, start, end }) => ({ key: nextRowKey(), weekday, start, end })),
    exceptions: calendar.exceptions.map((exception) => ({
      key: nextRowKey(),
      start: toDateTimeInput(exception.start),
      end: toDateTimeInput(exception.end),
      available: exception.available,
      ...(exception.overtime ? { overtime: true } : {}),
      reason: exception.reason ?? '',
    })),
  };
}

/** The form in the contract's shape, before its schema checks it (exception times as instants). */
export function weeklyCalendarBody(form: WeeklyCalendarForm) {
  return {
    timezone: form.timezone.trim(),
    weeklyPattern: form.weeklyPattern.map(({ weekday, start, end }) => ({ weekday, start, end })),
    exceptions: form.exceptions.map((exception) => ({
      start: fromLocalInput(exception.start) ?? '',
      end: fromLocalInput(exception.end) ?? '',
      available: exception.available,
      ...(exception.overtime ? { overtime: true } : {}),
      reason: exception.reason.trim() || null,
    })),
  };
}

/** The schema's messages by field (`weeklyPattern.0.start`, `exceptions.1.end`, `timezone`), said as the form asks. */
export function weeklyCalendarErrors(error: z.ZodError, form: WeeklyCalendarForm): FieldErrors {
  const errors = fieldErrorsFrom(error);
  // An empty or unreadable date reaches the schema as '': say what to do rather than "invalid ISO datetime".
  for (const path of Object.keys(errors)) {
    if (/^exceptions\.\d+\.(start|end)$/.test(path) && /iso|datetime/i.test(errors[path]!)) errors[path] = 'Enter a date and time';
  }
  // "End after start" says nothing yet while the start itself is missing.
  form.exceptions.forEach((_, index) => {
    const end = `exceptions.${index}.end`;
    if (errors[`exceptions.${index}.start`] && errors[end] === 'end must be after start') delete errors[end];
  });
  return errors;
}

/** Whether a list's message is only the summary of a row's own (shown at the row already). */
export const hasRowErrors = (errors: FieldErrors, list: string) => Object.keys(errors).some((path) => path.startsWith(`${list}.`));
