import { useGetEquipmentChoiceQuery } from '../api/get-equipment-choice';

/** A plan's equipment by name (plans hold ids); the id's start while it loads or when not visible. */
export function EquipmentName({ id }: { id: string }) {
  const { data } = useGetEquipmentChoiceQuery(id);
  return <>{data ? `${data.equipmentNumber} · ${data.name}` : `${id.slice(0, 8)}…`}</>;
}
