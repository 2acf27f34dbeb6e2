import type { Equipment } from '@msched/contracts';
import { type PickerProps, ServerSearchPicker } from '@/components/ui/ServerSearchPicker';
import { useGetEquipmentChoiceQuery } from '../api/get-equipment-choice';
import { useListEquipmentChoicesQuery } from '../api/list-equipment-choices';

type Option = Pick<Equipment, 'id' | 'name' | 'equipmentNumber'>;
export const equipmentLabel = (option: Option) => `${option.equipmentNumber} · ${option.name}`;

const useEquipmentChoices = (search: string | undefined) => {
  const { data, isFetching } = useListEquipmentChoicesQuery({ search });
  return { options: data?.data, loading: isFetching };
};
const useChosenEquipment = (id: string, skip: boolean) => useGetEquipmentChoiceQuery(id, { skip }).data;

/** One piece of equipment by number or name, searched on the server as the user types. */
export function EquipmentFilterPicker({ label = 'Equipment', size = 'small', ...props }: PickerProps) {
  return (
    <ServerSearchPicker<Option>
      {...props}
      label={label}
      size={size}
      optionLabel={equipmentLabel}
      useOptions={useEquipmentChoices}
      useChosen={useChosenEquipment}
      sx={{ minWidth: 240 }}
    />
  );
}
