export { formatCount, formatHours, formatPercent, formatWeeks } from '@/lib/format';

/** MTBF runs to thousands of hours: days read better. */
export const hoursToDays = (hours: number | null) => (hours === null ? null : Math.round((hours / 24) * 10) / 10);

/** "12 Nov" for a chart's axis. */
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
export const formatShortDay = (iso: string) => shortDay.format(new Date(iso));
