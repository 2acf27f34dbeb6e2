import type { Equipment } from '@msched/contracts';
import { type PickerProps, ServerSearchPicker } from '@/components/ui/ServerSearchPicker';
import { useGetEquipmentOptionQuery } from '../api/get-equipment-option';
import { useListEquipmentOptionsQuery } from '../api/list-equipment-options';

type Option = Pick<Equipment, 'id' | 'name' | 'equipmentNumber'>;
const labelOf = (option: Option) => `${option.equipmentNumber} · ${option.name}`;

const useEquipmentOptions = (search: string | undefined) => {
  const { data, isFetching } = useListEquipmentOptionsQuery({ search });
  return { options: data?.data, loading: isFetching };
};
const useChosenEquipment = (id: string, skip: boolean) => useGetEquipmentOptionQuery(id, { skip }).data;

interface Props extends PickerProps {
  /** The selected equipment when the caller already has it (saves a request). */
  selected?: Option | null;
}

/** Equipment by number or name, searched on the server as the user types. */
export function EquipmentPicker({ label = 'Equipment', ...props }: Props) {
  return (
    <ServerSearchPicker<Option>
      {...props}
      label={label}
      optionLabel={labelOf}
      useOptions={useEquipmentOptions}
      useChosen={useChosenEquipment}
    />
  );
}
