import { ROLES, type Role } from '@msched/contracts';
import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@mui/material';
import { useId } from 'react';
import { ROLE_LABELS, orderedRoles } from '../utils/labels';

interface Props {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
  /** Roles that stay as they are (an admin keeps their own admin role), with why. */
  locked?: { roles: readonly Role[]; reason: string };
}

/** The roles as a group of checkboxes named by its legend; a message about the list is read with each box. */
export function RolesField({ value, onChange, error, locked }: Props) {
  const helperId = useId();
  const toggle = (role: Role, on: boolean) => onChange(orderedRoles(on ? [...value, role] : value.filter((entry) => entry !== role)));
  const helper = error ?? locked?.reason;
  return (
    <FormControl component="fieldset" error={Boolean(error)} required>
      <FormLabel component="legend">Roles</FormLabel>
      <FormGroup>
        {ROLES.map((role) => (
          <FormControlLabel
            key={role}
            label={`${ROLE_LABELS[role].label}: ${ROLE_LABELS[role].hint}`}
            disabled={locked?.roles.includes(role)}
            control={
              <Checkbox
                checked={value.includes(role)}
                onChange={(event) => toggle(role, event.target.checked)}
                slotProps={{ input: { 'aria-invalid': Boolean(error), 'aria-describedby': helper ? helperId : undefined } }}
              />
            }
          />
        ))}
      </FormGroup>
      {helper && <FormHelperText id={helperId}>{helper}</FormHelperText>}
    </FormControl>
  );
}
