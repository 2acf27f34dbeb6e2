import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromParams, listArgsFromFilters } from './filters';

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
