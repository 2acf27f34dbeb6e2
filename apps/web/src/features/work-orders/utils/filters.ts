import {
  PRIORITIES,
  type Priority,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  type WorkOrderSort,
  type WorkOrderStatus,
} from '@msched/contracts';
import { fromLocalInput } from '@/lib/format';
import { toProblem } from '@/lib/problem';
import type { WorkOrderListArgs } from '../api/list-work-orders';

/** The list's state, as it sits in the URL (shareable, kept by the back button, saved as views). */
export interface WorkOrderFilters {
  status: WorkOrderStatus[];
  priority: Priority[];
  technicianId: string;
  equipmentId: string;
  /**
   * `YYYY-MM-DD` in local time, as date inputs give them; `dueTo` may also be a local time
   * (`YYYY-MM-DDTHH:mm`, the dashboard's "overdue now"), included up to that minute.
   */
  dueFrom: string;
  dueTo: string;
  createdAfter: string;
  search: string;
  sort: WorkOrderSort;
  page: number;
  limit: number;
}

export const DEFAULT_FILTERS: WorkOrderFilters = {
  status: [],
  priority: [],
  technicianId: '',
  equipmentId: '',
  dueFrom: '',
  dueTo: '',
  createdAfter: '',
  search: '',
  sort: 'dueDate',
  page: 1,
  limit: 20,
};

const { sort: _sort, page: _page, limit: _limit, ...cleared } = DEFAULT_FILTERS;
/** What "Clear filters" sets: every filter back to its default; the sort and page size stay as chosen. */
export const CLEARED_FILTERS: Partial<WorkOrderFilters> = cleared;

const listOf = <T extends string>(value: string | null, allowed: readonly T[]) =>
  (value ?? '').split(',').filter((entry): entry is T => (allowed as readonly string[]).includes(entry));

const positive = (value: string | null, fallback: number, max: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

export function filtersFromParams(params: URLSearchParams): WorkOrderFilters {
  const sort = params.get('sort');
  return {
    status: listOf(params.get('status'), WORK_ORDER_STATUSES),
    priority: listOf(params.get('priority'), PRIORITIES),
    technicianId: params.get('technicianId') ?? '',
    equipmentId: params.get('equipmentId') ?? '',
    dueFrom: params.get('dueFrom') ?? '',
    dueTo: params.get('dueTo') ?? '',
    createdAfter: params.get('createdAfter') ?? '',
    search: params.get('search') ?? '',
    sort: (WORK_ORDER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as WorkOrderSort) : DEFAULT_FILTERS.sort,
    page: positive(params.get('page'), 1, 100_000),
    limit: positive(params.get('limit'), DEFAULT_FILTERS.limit, 100),
  };
}

/** Only what differs from the defaults goes into the URL. */
export function paramsFromFilters(filters: WorkOrderFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_FILTERS) as (keyof WorkOrderFilters)[]) {
    const value = filters[key];
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const fallback = DEFAULT_FILTERS[key];
    if (text !== '' && text !== (Array.isArray(fallback) ? fallback.join(',') : String(fallback))) params.set(key, text);
  }
  return params;
}

/** The API's query for these filters: local days become instants (due "to" includes that whole day). */
export function listArgsFromFilters(filters: WorkOrderFilters): WorkOrderListArgs {
  return {
    page: filters.page,
    limit: filters.limit,
    sort: filters.sort,
    status: filters.status.length ? filters.status : undefined,
    priority: filters.priority.length ? filters.priority : undefined,
    technicianId: filters.technicianId || undefined,
    equipmentId: filters.equipmentId || undefined,
    dueDateFrom: fromLocalInput(filters.dueFrom),
    dueDateTo: fromLocalInput(filters.dueTo, true),
    createdAfter: fromLocalInput(filters.createdAfter),
    search: filters.search.trim() || undefined,
  };
}

export const hasActiveFilters = (filters: WorkOrderFilters) =>
  paramsFromFilters({ ...filters, sort: DEFAULT_FILTERS.sort, page: 1, limit: DEFAULT_FILTERS.limit }).toString() !== '';

/** The filters behind the Filters button (the search box is always in sight); a list of statuses counts once. */
const PANEL_FILTERS = ['status', 'priority', 'technicianId', 'equipmentId', 'dueFrom', 'dueTo', 'createdAfter'] as const;

export const activeFilterCount = (filters: WorkOrderFilters) => PANEL_FILTERS.filter((key) => filters[key].length > 0).length;

/** The labels of the filters, by the API's name of the parameter they set. */
const FILTER_LABELS: Record<string, string> = {
  status: 'Status',
  priority: 'Priority',
  technicianId: 'Technician',
  equipmentId: 'Equipment',
  dueDateFrom: 'Due from',
  dueDateTo: 'Due to',
  createdAfter: 'Created after',
  search: 'Search',
};

export const DUE_RANGE_MESSAGE = 'Due to must not be before Due from';

/** What stops the list being asked for (the API would refuse it with a 400): a due range that ends before it starts. */
export function dueRangeProblem(filters: WorkOrderFilters): string | undefined {
  const { dueDateFrom, dueDateTo } = listArgsFromFilters(filters);
  return dueDateFrom && dueDateTo && Date.parse(dueDateTo) < Date.parse(dueDateFrom) ? DUE_RANGE_MESSAGE : undefined;
}

/**
 * A 400 about the list's query, in the words of the filter bar: "Due to must not be before Due
 * from" rather than the API's "dueDateTo must not be before dueDateFrom".
 */
export function withFilterLabels(error: unknown): unknown {
  const problem = toProblem(error);
  if (problem?.status !== 400 || !problem.errors) return error;
  // In a message, only the API's compound names (`dueDateFrom`) are replaced: "status" may be a plain word.
  const relabel = (text: string) => text.replace(/\b[a-z]+[A-Z][a-zA-Z]*\b/g, (name) => FILTER_LABELS[name] ?? name);
  const errors = problem.errors.map((entry) => ({ path: FILTER_LABELS[entry.path] ?? entry.path, message: relabel(entry.message) }));
  return { status: 400, data: { ...problem, errors } };
}

/**
 * What a saved view keeps: the filters, sort and page size, never the page (page 7 of a list
 * reopened next month may be past its end).
 */
export const viewQueryOf = (query: string) => {
  const params = new URLSearchParams(query);
  params.delete('page');
  return params.toString();
};

/** The last page that holds rows (an estimated total, "more than 1,000", counts what is known). */
export function lastPageOf(page: { total?: number; totalIsEstimate?: boolean; limit: number }): number {
  const known = (page.total ?? 0) - (page.totalIsEstimate ? 1 : 0);
  return Math.max(1, Math.ceil(known / page.limit));
}
