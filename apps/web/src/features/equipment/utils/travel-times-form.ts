import { type Location, SiteTravelTimes, type SiteTravelTimesState } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';

/** Two sites, named once: `key` is their ids in order, whichever way a pair is written. */
export interface SitePair {
  key: string;
  from: Location;
  to: Location;
}

export const pairKey = (a: string, b: string) => [a.toLowerCase(), b.toLowerCase()].sort().join('|');

/** Every pair of the organization's sites once, by the names of the first site and then the second. */
export function sitePairs(locations: readonly Location[]): SitePair[] {
  const sites = locations.filter((location) => location.kind === 'SITE').sort((a, b) => a.name.localeCompare(b.name));
  return sites.flatMap((from, index) => sites.slice(index + 1).map((to) => ({ key: pairKey(from.id, to.id), from, to })));
}

/** Minutes as typed, by pair key; '' where the pair has no travel time. */
export type TravelTimesFormValues = Record<string, string>;

export const travelTimesFormValues =
  (pairs: readonly SitePair[]) =>
  (state: SiteTravelTimesState): TravelTimesFormValues => {
    const saved = new Map(state.travelTimes.map((pair) => [pairKey(pair.fromSiteId, pair.toSiteId), String(pair.minutes)]));
    return Object.fromEntries(pairs.map((pair) => [pair.key, saved.get(pair.key) ?? '']));
  };

/**
 * The set to save: every pair with minutes typed (a pair left empty costs nothing to travel),
 * checked with the contract; `sent` names the pair of each entry, in order, so that a message
 * about `travelTimes.N` (the contract's or the server's) finds its row.
 */
export type ValidatedTravelTimes = { ok: true; body: SiteTravelTimes; sent: string[] } | { ok: false; errors: FieldErrors };

export const MINUTES_MESSAGE = 'Whole minutes from 0 to 1440 (a day)';

export function validateTravelTimes(values: TravelTimesFormValues, pairs: readonly SitePair[]): ValidatedTravelTimes {
  const typed = (pair: SitePair) => (values[pair.key] ?? '').trim();
  const filled = pairs.filter((pair) => typed(pair) !== '');
  // Digits only: Number() would read "0x10" as 16 and "1e2" as 100 without a word.
  const notDigits = filled.filter((pair) => !/^\d{1,9}$/.test(typed(pair)));
  if (notDigits.length > 0) return { ok: false, errors: Object.fromEntries(notDigits.map((pair) => [pair.key, MINUTES_MESSAGE])) };
  const body = { travelTimes: filled.map((pair) => ({ fromSiteId: pair.from.id, toSiteId: pair.to.id, minutes: Number(typed(pair)) })) };
  const sent = filled.map((pair) => pair.key);
  const parsed = SiteTravelTimes.safeParse(body);
  if (!parsed.success) {
    const overrides = Object.fromEntries(sent.map((_, index) => [`travelTimes.${index}.minutes`, MINUTES_MESSAGE]));
    return { ok: false, errors: errorsByPair(fieldErrorsFrom(parsed.error, overrides), sent) };
  }
  return { ok: true, body: parsed.data, sent };
}

/**
 * Messages about `travelTimes.N…` put on the pair sent N-th; one about the set as a whole (too
 * many pairs) kept under `travelTimes`, unless it only repeats an entry's.
 */
export function errorsByPair(errors: FieldErrors, sent: readonly string[]): FieldErrors {
  const byPair: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const index = /^travelTimes\.(\d+)(?:\.|$)/.exec(path)?.[1];
    const key = index === undefined ? undefined : sent[Number(index)];
    if (key) byPair[key] ??= message;
    else if (index === undefined) byPair[path] ??= message;
  }
  if (Object.keys(byPair).some((key) => key.includes('|'))) delete byPair.travelTimes;
  return byPair;
}
