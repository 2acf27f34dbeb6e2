/** Figures as a manager reads them: few digits, units spelled out. */
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export const formatCount = (value: number) => whole.format(value);
export const formatHours = (hours: number | null) => (hours === null ? '—' : `${oneDecimal.format(hours)} h`);
export const formatWeeks = (weeks: number) => `${oneDecimal.format(weeks)} wk`;
export const formatPercent = (rate: number | null) => (rate === null ? '—' : `${oneDecimal.format(rate)} %`);
/** MTBF runs to thousands of hours: days read better. */
export const hoursToDays = (hours: number | null) => (hours === null ? null : Math.round((hours / 24) * 10) / 10);

/** "12 Nov" for a chart's axis. */
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
export const formatShortDay = (iso: string) => shortDay.format(new Date(iso));
