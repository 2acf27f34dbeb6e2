import type { Technician } from '@msched/contracts';
import { type PickerProps, ServerSearchPicker } from '@/components/ui/ServerSearchPicker';
import { useGetLinkedTechnicianQuery } from '../api/get-linked-technician';
import { useListLinkableTechniciansQuery } from '../api/list-linkable-technicians';

type Option = Pick<Technician, 'id' | 'firstName' | 'lastName' | 'employeeId' | 'active'>;

/** How a linked technician is named: name and employee id, and whether the record is inactive. */
export const technicianLabel = (technician: Option) =>
  `${technician.firstName} ${technician.lastName} (${technician.employeeId})${technician.active ? '' : ' · inactive'}`;

const useLinkableTechnicians = (search: string | undefined) => {
  const { data, isFetching } = useListLinkableTechniciansQuery({ search });
  return { options: data?.data, loading: isFetching };
};
const useLinkedTechnician = (id: string, skip: boolean) => useGetLinkedTechnicianQuery(id, { skip }).data;

/** The technician record an account acts as (a technician's own work, the real-time rooms of it), searched as the admin types. */
export function TechnicianLinkPicker({ label = 'Linked technician', ...props }: PickerProps) {
  return (
    <ServerSearchPicker<Option>
      {...props}
      label={label}
      optionLabel={technicianLabel}
      useOptions={useLinkableTechnicians}
      useChosen={useLinkedTechnician}
    />
  );
}
