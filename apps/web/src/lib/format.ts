const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? dateOnly.format(new Date(iso)) : '—');
export const formatTime = (iso: string | null | undefined) => (iso ? timeOnly.format(new Date(iso)) : '—');

/** "OPEN" → "Open", "PENDING_APPROVAL" → "Pending approval". */
export const humanize = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');

export const formatMinutes = (minutes: number | null | undefined) => {
  if (minutes === null || minutes === undefined) return '—';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
};

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant as the value of `<input type="datetime-local">` (local time, minutes). */
export function toDateTimeInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` or `date` input's value as an ISO instant; `endOfDay` for "up to and including". */
export function fromLocalInput(value: string, endOfDay = false): string | undefined {
  if (!value) return undefined;
  const withTime = value.length === 10 ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}` : value;
  const date = new Date(withTime);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Figures as a manager reads them: few digits, units spelled out (the dashboard, a technician's page). */
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export const formatCount = (value: number) => whole.format(value);
export const formatHours = (hours: number | null) => (hours === null ? '—' : `${oneDecimal.format(hours)} h`);
export const formatWeeks = (weeks: number) => `${oneDecimal.format(weeks)} wk`;
export const formatPercent = (rate: number | null) => (rate === null ? '—' : `${oneDecimal.format(rate)} %`);
