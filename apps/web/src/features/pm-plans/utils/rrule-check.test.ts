import { describe, expect, it } from 'vitest';
import { rruleProblem } from './rrule-check';

describe('a first look at an RRULE', () => {
  it.each([
    ['', 'Required'],
    ['INTERVAL=2', 'FREQ is missing (DAILY, WEEKLY, MONTHLY or YEARLY)'],
    ['FREQ=HOURLY', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: a plan schedules whole days'],
    ['FREQ=MONTHLY;BYDAY', 'BYDAY needs a value, as NAME=value'],
    [
      'FREQ=MONTHLY;FOO=1',
      'Unknown part FOO (use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST)',
    ],
    ['FREQ=WEEKLY;FREQ=DAILY', 'FREQ is given twice'],
    ['FREQ=WEEKLY;INTERVAL=two', 'INTERVAL must be a whole number'],
    ['DTSTART=20260101;FREQ=DAILY', 'Leave DTSTART out: the plan’s start date is the rule’s start'],
  ])('%j → %s', (rule, message) => expect(rruleProblem(rule)).toBe(message));

  it.each(['FREQ=MONTHLY;BYDAY=1MO', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'freq=yearly;bymonth=3'])('accepts %s', (rule) =>
    expect(rruleProblem(rule)).toBeNull(),
  );
});
