import type { Technician } from '@msched/contracts';
import { type PickerProps, ServerSearchPicker } from '@/components/ui/ServerSearchPicker';
import { useGetEquipmentTechnicianOptionQuery } from '../api/get-technician-option';
import { useListEquipmentTechnicianOptionsQuery } from '../api/list-technician-options';

const technicianLabel = (technician: Technician) =>
  `${technician.firstName} ${technician.lastName} (${technician.employeeId})${technician.active ? '' : ' · inactive'}`;

const useTechnicianOptions = (search: string | undefined) => {
  const { data, isFetching } = useListEquipmentTechnicianOptionsQuery({ search });
  return { options: data?.data, loading: isFetching };
};
const useChosenTechnician = (id: string, skip: boolean) => useGetEquipmentTechnicianOptionQuery(id, { skip }).data;

/** Who led or crewed the work, searched by name as the user types (those who list technicians only). */
export function HistoryTechnicianPicker(props: PickerProps) {
  return (
    <ServerSearchPicker<Technician>
      {...props}
      label={props.label ?? 'Technician'}
      optionLabel={technicianLabel}
      useOptions={useTechnicianOptions}
      useChosen={useChosenTechnician}
      sx={{ minWidth: 220 }}
    />
  );
}
