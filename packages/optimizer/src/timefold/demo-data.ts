/**
 * The quickstart's SMALL and LARGE demo problems (DemoDataGenerator), reproduced draw for draw
 * with java.util.Random(17), so the instances are the ones the quickstart solves.
 *
 * The quickstart starts the calendar on the Monday after today (LocalDate.now()); here the
 * first day is a parameter, by default Monday 2026-11-30. Every constraint counts days between
 * dates and the generator counts workdays from that Monday, so any Monday gives the same
 * instance shifted in time, with the same optimum.
 *
 * The generated dates (ready, due, ideal end) use the chosen rule's end-date function, as each
 * version of the quickstart used its own: with v2 a ready date can fall on a Saturday (the day
 * after a Friday), with v1 it is always a workday.
 */
import { endDay, formatIsoDate, parseIsoDate } from './calendar';
import { JavaRandom } from './java-random';
import { type EndDateRule, type TimefoldCrew, type TimefoldJob, type TimefoldMaintenanceProblem } from './model';

export type DemoDataSize = 'SMALL' | 'LARGE';

export const DEFAULT_DEMO_FROM_DATE = '2026-11-30';
const DEMO_SEED = 17;

const CREW_NAMES = ['Alpha crew', 'Beta crew', 'Gamma crew', 'Delta crew', 'Epsilon crew'];
const AREA_NAMES = [
  'Downtown',
  'Uptown',
  'Park',
  'Airport',
  'Bay',
  'Hill',
  'Forest',
  'Station',
  'Hospital',
  'Harbor',
  'Market',
  'Fort',
  'Beach',
  'Garden',
  'River',
  'Springs',
  'Tower',
  'Mountain',
];
const TARGET_NAMES = ['Street', 'Bridge', 'Tunnel', 'Highway', 'Boulevard', 'Avenue', 'Square', 'Plaza'];

export interface DemoDataOptions {
  /** The calendar's first day; must be a Monday. */
  readonly fromDate?: string;
  readonly endDateRule?: EndDateRule;
}

/** Sizes of each demo set: SMALL 3 crews, 8 weeks, 14 jobs; LARGE 5 crews, 16 weeks, 48 jobs. */
export function demoDimensions(size: DemoDataSize): { crews: number; weeks: number; jobs: number } {
  const crews = size === 'LARGE' ? 5 : 3;
  const weeks = size === 'LARGE' ? 16 : 8;
  return { crews, weeks, jobs: Math.floor((weeks * crews * 3) / 5) };
}

export function generateDemoData(size: DemoDataSize, options: DemoDataOptions = {}): TimefoldMaintenanceProblem {
  const fromDate = options.fromDate ?? DEFAULT_DEMO_FROM_DATE;
  const endDateRule = options.endDateRule ?? 'v2';
  const fromDay = parseIsoDate(fromDate);
  if (fromDay === null || formatIsoDate(fromDay) !== fromDate || new Date(fromDate).getUTCDay() !== 1) {
    throw new RangeError(`fromDate must be a Monday, got ${fromDate}`);
  }
  const { crews: crewCount, weeks, jobs: jobCount } = demoDimensions(size);
  const crews: TimefoldCrew[] = CREW_NAMES.slice(0, crewCount).map((name, index) => ({ id: String(index + 1), name }));
  const workdayTotal = weeks * 5;
  const areaTargetLimit = Math.min(TARGET_NAMES.length, crewCount * 2);
  const plusWorkdays = (day: number, workdays: number): number => endDay(endDateRule, day, workdays);

  const random = new JavaRandom(DEMO_SEED);
  const jobs: TimefoldJob[] = [];
  for (let index = 0; index < jobCount; index++) {
    const area = AREA_NAMES[Math.floor(index / areaTargetLimit)]!;
    const target = TARGET_NAMES[index % areaTargetLimit]!;
    // The draws, in the quickstart's order: duration 1–10 workdays, then at least 5 workdays of
    // slack between ready and due, the ready offset, and an ideal end 1–4 workdays before due.
    const durationInDays = 1 + random.nextInt(10);
    const readyToDue = durationInDays + 5 + random.nextInt(workdayTotal - (durationInDays + 5));
    const readyOffset = random.nextInt(workdayTotal - readyToDue + 1);
    const readyToIdealEnd = readyToDue - 1 - random.nextInt(4);
    const readyDay = plusWorkdays(fromDay, readyOffset);
    const tags = random.nextDouble() < 0.1 ? [area, 'Subway'] : [area];
    jobs.push({
      id: String(index),
      name: `${area} ${target}`,
      durationInDays,
      readyDate: formatIsoDate(readyDay),
      dueDate: formatIsoDate(plusWorkdays(readyDay, readyToDue)),
      idealEndDate: formatIsoDate(plusWorkdays(readyDay, readyToIdealEnd)),
      tags,
    });
  }
  return {
    name: `${size} demo (${endDateRule})`,
    workCalendar: { fromDate, toDate: formatIsoDate(fromDay + weeks * 7) },
    crews,
    jobs,
    endDateRule,
  };
}
