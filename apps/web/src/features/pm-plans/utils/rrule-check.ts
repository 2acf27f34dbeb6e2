const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST'];

/**
 * A first look at an RRULE while the user types, so the common slips are named before a round
 * trip: parts as NAME=value, a day-based FREQ, known part names. The server checks the rest
 * (combinations, whether the rule ever occurs) and names it on the same field.
 */
export function rruleProblem(source: string): string | null {
  const text = source.trim().replace(/^RRULE:/i, '');
  if (!text) return 'Required';
  const seen = new Set<string>();
  for (const part of text.split(';').filter((entry) => entry.trim())) {
    const [rawName = '', value = ''] = part.split('=');
    const name = rawName.trim().toUpperCase();
    if (!part.includes('=') || !value.trim()) return `${name || part} needs a value, as NAME=value`;
    if (name === 'DTSTART') return 'Leave DTSTART out: the plan’s start date is the rule’s start';
    if (!PARTS.includes(name)) return `Unknown part ${name} (use ${PARTS.join(', ')})`;
    if (seen.has(name)) return `${name} is given twice`;
    seen.add(name);
    if ((name === 'INTERVAL' || name === 'COUNT') && !/^\d+$/.test(value.trim())) return `${name} must be a whole number`;
  }
  const freq = /(?:^|;)\s*FREQ\s*=\s*([A-Z]+)/i.exec(text)?.[1]?.toUpperCase();
  if (!freq) return 'FREQ is missing (DAILY, WEEKLY, MONTHLY or YEARLY)';
  if (!FREQUENCIES.includes(freq)) return `FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: a plan schedules whole days`;
  return null;
}
