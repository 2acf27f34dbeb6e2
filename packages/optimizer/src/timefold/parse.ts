/**
 * Reads the `timefold-maintenance` JSON and reports every problem at once, each with the path
 * of the offending field, so a user fixes a file in one pass.
 */
import { parseIsoDate, workdaysBetween } from './calendar';
import { END_DATE_RULES, type EndDateRule, type TimefoldCrew, type TimefoldJob, type TimefoldMaintenanceProblem } from './model';

/** Longest job accepted: ten years of workdays is past any maintenance plan. */
export const MAX_DURATION_IN_DAYS = 2_610;
/** Longest calendar accepted (ten years and a bit): the solver keeps per-day state for each crew over it. */
export const MAX_CALENDAR_DAYS = 3_660;

export interface InputIssue {
  /** JSONPath-like location, e.g. `jobs[3].readyDate`. */
  readonly path: string;
  readonly message: string;
}

export class TimefoldInputError extends Error {
  readonly code = 'INVALID_TIMEFOLD_MAINTENANCE_INPUT';

  constructor(readonly issues: readonly InputIssue[]) {
    super(`invalid timefold-maintenance input:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`);
    this.name = 'TimefoldInputError';
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class IssueList {
  readonly issues: InputIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  string(owner: JsonObject, key: string, path: string): string {
    const value = owner[key];
    if (typeof value === 'string') return value;
    this.add(`${path}.${key}`, value === undefined ? 'is required (a string)' : `must be a string, got ${describe(value)}`);
    return '';
  }

  requiredDate(owner: JsonObject, key: string, path: string): number | null {
    const value = owner[key];
    if (typeof value !== 'string') {
      this.add(
        `${path}.${key}`,
        value === undefined ? 'is required (an ISO date YYYY-MM-DD)' : `must be an ISO date YYYY-MM-DD, got ${describe(value)}`,
      );
      return null;
    }
    return this.dateText(value, `${path}.${key}`);
  }

  /** Absent and null both mean "no such constraint", as a null date does in the quickstart. */
  optionalDate(owner: JsonObject, key: string, path: string): string | null {
    const value = owner[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      this.add(`${path}.${key}`, `must be an ISO date YYYY-MM-DD or null, got ${describe(value)}`);
      return null;
    }
    return this.dateText(value, `${path}.${key}`) === null ? null : value;
  }

  private dateText(text: string, path: string): number | null {
    const epochDay = parseIsoDate(text);
    if (epochDay === null) this.add(path, `"${text}" is not a calendar date in the form YYYY-MM-DD`);
    return epochDay;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function parseCrews(root: JsonObject, issues: IssueList): TimefoldCrew[] {
  const raw = root['crews'];
  if (!Array.isArray(raw)) {
    issues.add('crews', raw === undefined ? 'is required (an array of { id, name })' : `must be an array, got ${describe(raw)}`);
    return [];
  }
  const seen = new Set<string>();
  const crews: TimefoldCrew[] = [];
  raw.forEach((entry: unknown, index) => {
    const path = `crews[${index}]`;
    if (!isObject(entry)) {
      issues.add(path, `must be an object { id, name }, got ${describe(entry)}`);
      return;
    }
    const id = issues.string(entry, 'id', path);
    const name = issues.string(entry, 'name', path);
    if (seen.has(id)) issues.add(`${path}.id`, `duplicate crew id "${id}"`);
    seen.add(id);
    crews.push({ id, name });
  });
  return crews;
}

function parseDuration(entry: JsonObject, path: string, issues: IssueList): number {
  const value = entry['durationInDays'];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issues.add(`${path}.durationInDays`, `must be a whole number of workdays, got ${describe(value)}`);
    return 0;
  }
  if (value < 0) issues.add(`${path}.durationInDays`, `must not be negative, got ${value}`);
  if (value > MAX_DURATION_IN_DAYS) issues.add(`${path}.durationInDays`, `must be at most ${MAX_DURATION_IN_DAYS}, got ${value}`);
  return value;
}

function parseTags(entry: JsonObject, path: string, issues: IssueList): string[] {
  const value = entry['tags'];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.add(`${path}.tags`, `must be an array of strings, got ${describe(value)}`);
    return [];
  }
  const tags = new Set<string>();
  value.forEach((tag: unknown, index) => {
    if (typeof tag === 'string') tags.add(tag);
    else issues.add(`${path}.tags[${index}]`, `must be a string, got ${describe(tag)}`);
  });
  return [...tags];
}

function parseJobs(root: JsonObject, issues: IssueList): TimefoldJob[] {
  const raw = root['jobs'];
  if (!Array.isArray(raw)) {
    issues.add('jobs', raw === undefined ? 'is required (an array of jobs)' : `must be an array, got ${describe(raw)}`);
    return [];
  }
  const seen = new Set<string>();
  const jobs: TimefoldJob[] = [];
  raw.forEach((entry: unknown, index) => {
    const path = `jobs[${index}]`;
    if (!isObject(entry)) {
      issues.add(path, `must be an object, got ${describe(entry)}`);
      return;
    }
    const id = issues.string(entry, 'id', path);
    if (seen.has(id)) issues.add(`${path}.id`, `duplicate job id "${id}"`);
    seen.add(id);
    jobs.push({
      id,
      name: issues.string(entry, 'name', path),
      durationInDays: parseDuration(entry, path, issues),
      readyDate: issues.optionalDate(entry, 'readyDate', path),
      dueDate: issues.optionalDate(entry, 'dueDate', path),
      idealEndDate: issues.optionalDate(entry, 'idealEndDate', path),
      tags: parseTags(entry, path, issues),
    });
  });
  return jobs;
}

function parseEndDateRule(root: JsonObject, issues: IssueList): EndDateRule {
  const value = root['endDateRule'];
  if (typeof value === 'string' && (END_DATE_RULES as readonly string[]).includes(value)) return value as EndDateRule;
  issues.add(
    'endDateRule',
    `${value === undefined ? 'is required' : `unknown rule ${describe(value)}`}: "v1" (end = start + duration + 2 per weekend crossed, ` +
      'the quickstart up to 1.x) or "v2" (the day after the last workday, the later quickstart)',
  );
  return 'v2';
}

/** Validates parsed JSON; throws TimefoldInputError listing every issue. */
export function parseTimefoldMaintenanceProblem(input: unknown): TimefoldMaintenanceProblem {
  const issues = new IssueList();
  if (!isObject(input)) throw new TimefoldInputError([{ path: '$', message: `must be a JSON object, got ${describe(input)}` }]);

  const name = issues.string(input, 'name', '$');
  const calendar = input['workCalendar'];
  let fromDate = '';
  let toDate = '';
  if (!isObject(calendar)) {
    issues.add(
      'workCalendar',
      calendar === undefined ? 'is required ({ fromDate, toDate })' : `must be an object, got ${describe(calendar)}`,
    );
  } else {
    const fromDay = issues.requiredDate(calendar, 'fromDate', 'workCalendar');
    const toDay = issues.requiredDate(calendar, 'toDate', 'workCalendar');
    fromDate = String(calendar['fromDate']);
    toDate = String(calendar['toDate']);
    if (fromDay !== null && toDay !== null) {
      if (toDay <= fromDay) issues.add('workCalendar.toDate', `must be after fromDate (${fromDate}); toDate is exclusive`);
      else if (toDay - fromDay > MAX_CALENDAR_DAYS)
        issues.add('workCalendar.toDate', `must be at most ${MAX_CALENDAR_DAYS} days after fromDate, got ${toDay - fromDay}`);
      else if (workdaysBetween(fromDay, toDay).length === 0)
        issues.add('workCalendar', 'has no workday (Monday to Friday) to start a job on');
    }
  }
  const crews = parseCrews(input, issues);
  const jobs = parseJobs(input, issues);
  if (jobs.length > 0 && crews.length === 0 && Array.isArray(input['crews'])) issues.add('crews', 'must not be empty when there are jobs');
  const endDateRule = parseEndDateRule(input, issues);

  if (issues.issues.length > 0) throw new TimefoldInputError(issues.issues);
  return { name, workCalendar: { fromDate, toDate }, crews, jobs, endDateRule };
}

/** Parses JSON text; a syntax error is reported as an input issue too. */
export function parseTimefoldMaintenanceJson(text: string): TimefoldMaintenanceProblem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TimefoldInputError([{ path: '$', message: `is not valid JSON (${(error as Error).message})` }]);
  }
  return parseTimefoldMaintenanceProblem(parsed);
}
