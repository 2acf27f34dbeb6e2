import type { Technician } from '@msched/contracts';
import { Autocomplete, TextField } from '@mui/material';
import { useListTechnicianOptionsQuery } from '../api/list-technician-options';

interface Props {
  value: string;
  onChange: (technicianId: string) => void;
  label?: string;
  error?: string;
  required?: boolean;
  size?: 'small' | 'medium';
}

/** How a technician is named wherever one is picked or shown: name and employee id. */
export const labelOf = (technician: Technician) => `${technician.firstName} ${technician.lastName} (${technician.employeeId})`;
const skillsOf = (technician: Technician) => technician.skills.map((entry) => `${entry.skill} ${entry.level}`).join(', ');

/** Active technicians, with their skills shown to help choose (planners, managers, admins). */
export function TechnicianPicker({ value, onChange, label = 'Technician', error, required, size }: Props) {
  const { data, isFetching } = useListTechnicianOptionsQuery({});
  const options = data?.data ?? [];
  return (
    <Autocomplete
      options={options}
      value={options.find((technician) => technician.id === value) ?? null}
      onChange={(_event, technician) => onChange(technician?.id ?? '')}
      getOptionLabel={labelOf}
      isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
      loading={isFetching}
      size={size}
      renderOption={(props, technician) => (
        <li {...props} key={technician.id}>
          <span>
            {labelOf(technician)}
            <br />
            <small>{skillsOf(technician) || 'no skills recorded'}</small>
          </span>
        </li>
      )}
      renderInput={(params) => <TextField {...params} label={label} required={required} error={Boolean(error)} helperText={error} />}
    />
  );
}
