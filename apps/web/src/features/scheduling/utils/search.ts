import { TechnicianListQuery, WorkOrderListQuery } from '@msched/contracts';

/** The longest search the API takes (the contract's `search` of each list): the search boxes stop there. */
export const TECHNICIAN_SEARCH_MAX_LENGTH = TechnicianListQuery.shape.search.unwrap().maxLength ?? undefined;
export const WORK_ORDER_SEARCH_MAX_LENGTH = WorkOrderListQuery.shape.search.unwrap().maxLength ?? undefined;
