import type { Priority } from '@msched/contracts';
import { fromLocalInput } from '@/lib/format';
import type { EquipmentHistoryArgs, FinishedStatus } from '../api/list-equipment-history';

/** The history's filters as the form holds them: dates are `<input type="date">` values. */
export interface HistoryFilters {
  status: FinishedStatus[];
  priority: Priority[];
  finishedFrom: string;
  finishedUntil: string;
  technicianId: string;
}

export const NO_HISTORY_FILTERS: HistoryFilters = { status: [], priority: [], finishedFrom: '', finishedUntil: '', technicianId: '' };

type HistoryQuery = Omit<EquipmentHistoryArgs, 'equipmentId' | 'page' | 'limit'>;

/**
 * The filters as the API takes them (the actual end from the start of one day to the end of
 * another), or what is wrong with them: an end before the start would be refused.
 */
export function historyQuery(filters: HistoryFilters): { query: HistoryQuery } | { error: string } {
  const dateFrom = fromLocalInput(filters.finishedFrom);
  const dateTo = fromLocalInput(filters.finishedUntil, true);
  if (dateFrom && dateTo && dateTo < dateFrom) return { error: 'Must not be before “Finished from”' };
  return {
    query: {
      ...(filters.status.length > 0 && { status: filters.status }),
      ...(filters.priority.length > 0 && { priority: filters.priority }),
      ...(dateFrom && { dateFrom }),
      ...(dateTo && { dateTo }),
      ...(filters.technicianId && { technicianId: filters.technicianId }),
    },
  };
}

export const hasHistoryFilters = (filters: HistoryFilters) =>
  Object.values(filters).some((value) => (Array.isArray(value) ? value.length > 0 : value !== ''));
