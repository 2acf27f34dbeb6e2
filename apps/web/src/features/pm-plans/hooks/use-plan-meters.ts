import type { Meter } from '@msched/contracts';
import { useListEquipmentMetersQuery } from '../api/list-equipment-meters';

/** The meters a meter trigger may follow: those of the plan's equipment when it has exactly one. */
export function usePlanMeters(equipmentIds: readonly string[]): Meter[] | undefined {
  const only = equipmentIds.length === 1 ? equipmentIds[0] : undefined;
  const { data } = useListEquipmentMetersQuery(only ?? '', { skip: !only });
  return only ? (data ?? []) : undefined;
}
