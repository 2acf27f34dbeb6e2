import { describe, expect, it } from 'vitest';
import { toProblem } from '@/lib/problem';
import {
  DEFAULT_FILTERS,
  activeFilterCount,
  dueRangeProblem,
  filtersFromParams,
  lastPageOf,
  listArgsFromFilters,
  viewQueryOf,
  withFilterLabels,
} from './filters';

const local = (text: string) => new Date(text).toISOString();

describe('the list’s due-date filters as the API reads them', () => {
  it('takes "due to" a day as up to the end of that local day, and a local time up to that minute', () => {
    expect(listArgsFromFilters({ ...DEFAULT_FILTERS, dueTo: '2026-11-29' }).dueDateTo).toBe(local('2026-11-29T23:59:59.999'));
    // The dashboard's "overdue now": today's work due later than the figures is left out.
    const overdue = filtersFromParams(new URLSearchParams('status=OPEN&dueTo=2026-11-29T13:05'));
    expect(overdue.dueTo).toBe('2026-11-29T13:05');
    expect(listArgsFromFilters(overdue).dueDateTo).toBe(local('2026-11-29T13:05:00'));
    expect(listArgsFromFilters({ ...DEFAULT_FILTERS, dueFrom: '2026-11-29' }).dueDateFrom).toBe(local('2026-11-29T00:00:00'));
  });
});

describe('a due range that ends before it starts', () => {
  it('is caught before it is sent, in the words of the filters', () => {
    expect(dueRangeProblem({ ...DEFAULT_FILTERS, dueFrom: '2026-12-31', dueTo: '2026-12-01' })).toBe('Due to must not be before Due from');
    // One day from both ends is a whole day.
    expect(dueRangeProblem({ ...DEFAULT_FILTERS, dueFrom: '2026-12-01', dueTo: '2026-12-01' })).toBeUndefined();
    expect(dueRangeProblem({ ...DEFAULT_FILTERS, dueTo: '2026-12-01' })).toBeUndefined();
  });

  it('is named by the filters when the server refuses it all the same', () => {
    const refused = {
      status: 400,
      data: { title: 'Invalid input', errors: [{ path: 'dueDateTo', message: 'must not be before dueDateFrom' }] },
    };
    expect(toProblem(withFilterLabels(refused))!.errors).toEqual([{ path: 'Due to', message: 'must not be before Due from' }]);
    const offline = { status: 'FETCH_ERROR', error: 'TypeError' };
    expect(withFilterLabels(offline)).toBe(offline);
  });
});

describe('saved views and pages', () => {
  it('keep the filters, sort and page size of a view, never its page', () => {
    expect(viewQueryOf('status=OPEN&page=7&limit=50&sort=-updatedAt')).toBe('status=OPEN&limit=50&sort=-updatedAt');
  });

  it('find the last page that holds rows', () => {
    expect(lastPageOf({ total: 546, limit: 20 })).toBe(28);
    expect(lastPageOf({ total: 0, limit: 20 })).toBe(1);
    // "More than 1,000": the 1,000 known rows.
    expect(lastPageOf({ total: 1001, totalIsEstimate: true, limit: 20 })).toBe(50);
  });
});

it('counts each active filter of the panel once', () => {
  expect(
    activeFilterCount(filtersFromParams(new URLSearchParams('status=OPEN,SCHEDULED&dueTo=2026-12-01&search=pump&sort=-priority'))),
  ).toBe(2);
});
