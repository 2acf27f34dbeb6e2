const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Wall-clock time in `timezone` minus UTC at `instant`, in milliseconds (Europe/Berlin in winter: one hour). */
export function offsetAt(timezone: string, instant: number): number {
  const parts = new Map<string, number>(
    formatterFor(timezone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const field = (name: string) => parts.get(name) ?? 0;
  const wallClock = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour') % 24, field('minute'));
  return wallClock - Math.floor(instant / 60_000) * 60_000;
}
