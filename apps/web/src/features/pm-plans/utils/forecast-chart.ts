import type { PmForecast } from '@msched/contracts';

export interface ForecastBar {
  /** Short label of the week (its Monday), for the axis. */
  label: string;
  weekStart: string;
  load: number;
  capacity: number;
  /** Load above capacity: the weeks to level. */
  overloaded: boolean;
  /** Load as a share of capacity, in %; null without capacity. */
  utilization: number | null;
}

const weekLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const HALF_DAY_MS = 43_200_000;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The chart's rows: one per ISO week of the answer, in its order, hours to one decimal. */
export function forecastBars(forecast: Pick<PmForecast, 'weeks'>): ForecastBar[] {
  return forecast.weeks.map((week) => {
    const load = round1(week.loadHours);
    const capacity = round1(week.capacityHours);
    return {
      // Monday 00:00 in the organization's zone may be Sunday evening in UTC or the browser's
      // zone: half a day later is the Monday wherever the browser is.
      label: weekLabel.format(new Date(Date.parse(week.weekStart) + HALF_DAY_MS)),
      weekStart: week.weekStart,
      load,
      capacity,
      overloaded: week.loadHours > week.capacityHours,
      utilization: week.capacityHours > 0 ? Math.round((week.loadHours / week.capacityHours) * 100) : null,
    };
  });
}

/** Totals for the summary line above the chart. */
export function forecastTotals(bars: readonly ForecastBar[]) {
  const load = bars.reduce((sum, bar) => sum + bar.load, 0);
  const capacity = bars.reduce((sum, bar) => sum + bar.capacity, 0);
  return { load: round1(load), capacity: round1(capacity), overloadedWeeks: bars.filter((bar) => bar.overloaded).length };
}

export const FORECAST_HORIZONS = [4, 8, 13, 26, 52] as const;

/** From the start of today (local) for `weeks` weeks: what the forecast query asks for. */
export function forecastRange(weeks: number, now = new Date()) {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(from);
  to.setDate(to.getDate() + weeks * 7);
  return { from: from.toISOString(), to: to.toISOString() };
}
