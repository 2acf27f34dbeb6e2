import {
  PRIORITIES,
  type Priority,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  type WorkOrderSort,
  type WorkOrderStatus,
} from '@msched/contracts';
import { fromLocalInput } from '@/lib/format';
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
