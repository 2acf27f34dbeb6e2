import type { WorkOrder } from '@msched/contracts';
import { useGetWorkOrderQuery } from '../api/get-work-order';

export type WorkOrderChoice = Pick<WorkOrder, 'id' | 'workOrderNumber' | 'title'>;

/** How a work order is named where one is picked: number and title. */
export const workOrderLabel = (workOrder: WorkOrderChoice) => `${workOrder.workOrderNumber} · ${workOrder.title}`;

interface Props {
  id: string;
  /** The work order when the caller already has it (saves a request). */
  known?: WorkOrderChoice;
  /** The number alone, where the title would be too long. */
  numberOnly?: boolean;
}

/**
 * A work order held by id (a predecessor), by number and title; said plainly when it was deleted
 * or is not visible to the user, and the id's start while it loads.
 */
export function WorkOrderName({ id, known, numberOnly = false }: Props) {
  const { data, isError } = useGetWorkOrderQuery(id, { skip: Boolean(known) });
  const workOrder = known ?? (isError ? undefined : data);
  if (workOrder) return <>{numberOnly ? workOrder.workOrderNumber : workOrderLabel(workOrder)}</>;
  return <>{isError ? 'A deleted or hidden work order' : `${id.slice(0, 8)}…`}</>;
}
