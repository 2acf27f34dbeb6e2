import { TechnicianAvailability } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';
import { fromLocalInput, toDateTimeInput } from '@/lib/format';
import type { AvailabilityPlan } from '../api/get-availability';
import { nextRowKey } from './row-key';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** weekday 1 = Monday … 7 = Sunday, as the contract numbers them. */
export const weekdayName = (weekday: number) => WEEKDAYS[weekday - 1] ?? `Day ${weekday}`;

export interface ShiftRow {
  key: number;
  weekday: number;
  start: string;
  end: string;
}

export interface ExceptionRow {
  key: number;
  /** `datetime-local` values, in the browser's time. */
  start: string;
  end: string;
  available: boolean;
  reason: string;
}

export interface AvailabilityForm {
  timezone: string;
  shifts: ShiftRow[];
  exceptions: ExceptionRow[];
}

export function toAvailabilityForm(plan: AvailabilityPlan): AvailabilityForm {
  return {
    timezone: plan.timezone,
    shifts: [...plan.weeklyPattern]
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
      .map((shift) => ({ key: nextRowKey(), ...shift })),
    exceptions: plan.exceptions.map((exception) => ({
      key: nextRowKey(),
      start: toDateTimeInput(exception.start),
      end: toDateTimeInput(exception.end),
      available: exception.available,
      reason: exception.reason ?? '',
    })),
  };
}

/**
 * The form as `PUT /technicians/:id/availability` takes it, checked by the contract's schema;
 * or the schema's messages by field (`weeklyPattern.0.start`, `exceptions.1.end`, `timezone`).
 */
export function parseAvailabilityForm(form: AvailabilityForm): { availability: TechnicianAvailability } | { errors: FieldErrors } {
  const body = {
    timezone: form.timezone.trim(),
    weeklyPattern: form.shifts.map(({ weekday, start, end }) => ({ weekday, start, end })),
    exceptions: form.exceptions.map((exception) => ({
      start: fromLocalInput(exception.start) ?? '',
      end: fromLocalInput(exception.end) ?? '',
      available: exception.available,
      reason: exception.reason.trim() || null,
    })),
  };
  const parsed = TechnicianAvailability.safeParse(body);
  if (parsed.success) return { availability: parsed.data };
  const errors = fieldErrorsFrom(parsed.error);
  // An empty or unreadable date reaches the schema as '': say what to do rather than "invalid ISO datetime".
  for (const path of Object.keys(errors)) {
    if (/^exceptions\.\d+\.(start|end)$/.test(path) && /iso|datetime/i.test(errors[path]!)) errors[path] = 'Enter a date and time';
  }
  // "End after start" says nothing yet while the start itself is missing.
  form.exceptions.forEach((_, index) => {
    const end = `exceptions.${index}.end`;
    if (errors[`exceptions.${index}.start`] && errors[end] === 'end must be after start') delete errors[end];
  });
  return { errors };
}

/** Whether a list's message is only the summary of a row's own (shown at the row already). */
export const hasRowErrors = (errors: FieldErrors, list: string) => Object.keys(errors).some((path) => path.startsWith(`${list}.`));
