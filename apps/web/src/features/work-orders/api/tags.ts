import { LIST } from '@/lib/api';

/** What a change to one work order makes stale: its record, every list, its history. */
export const changedWorkOrderTags = (id: string) => [
  { type: 'WorkOrder' as const, id },
  { type: 'WorkOrder' as const, id: LIST },
  { type: 'WorkOrderHistory' as const, id },
];
