import { Box, FormHelperText } from '@mui/material';
import type { FieldErrors } from '@/lib/form-errors';
import type { UserFormValues } from '../utils/user-form';
import { ActiveField } from './ActiveField';
import { RolesField } from './RolesField';
import { TechnicianLinkPicker } from './TechnicianLinkPicker';
import { boundTextFields } from '@/components/ui/bound-text-field';

interface Props {
  /** A new account takes a first password; an existing one may get a new one, and can be switched off. */
  mode: 'create' | 'edit';
  values: UserFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<UserFormValues>) => void;
  /** The admin is editing their own account: they keep the admin role and stay active (the API refuses otherwise). */
  ownAccount?: boolean;
}

type TextKey = 'name' | 'email' | 'password';

/** The account's fields; each shows the contract's (or the server's) message for it. */
export function UserFormFields({ mode, values, errors, onChange, ownAccount = false }: Props) {
  const field = boundTextFields<TextKey>(values, (key) => errors[key], onChange);
  const creating = mode === 'create';

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))' } }}>
      {field('name', 'Name', { required: true, autoComplete: 'off', slotProps: { htmlInput: { maxLength: 200 } } })}
      {field(
        'email',
        'Email',
        { required: true, type: 'email', autoComplete: 'off', slotProps: { htmlInput: { maxLength: 254 } } },
        creating ? undefined : 'The address this account signs in with.',
      )}
      {field(
        'password',
        creating ? 'Password' : 'New password',
        { type: 'password', required: creating, autoComplete: 'new-password', slotProps: { htmlInput: { maxLength: 256 } } },
        creating ? 'At least 12 characters.' : 'Leave blank to keep the current one. A new one signs the user out everywhere.',
      )}
      <Box>
        <TechnicianLinkPicker
          value={values.technicianId}
          onChange={(technicianId) => onChange({ technicianId })}
          error={errors.technicianId}
        />
        {!errors.technicianId && <FormHelperText>Optional. A technician&apos;s account sees that technician&apos;s work.</FormHelperText>}
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <RolesField
          value={values.roles}
          onChange={(roles) => onChange({ roles })}
          error={errors.roles}
          locked={ownAccount ? { roles: ['admin'], reason: 'You cannot remove your own admin role.' } : undefined}
        />
      </Box>
      {!creating && (
        <Box sx={{ gridColumn: '1 / -1' }}>
          <ActiveField checked={values.active} onChange={(active) => onChange({ active })} ownAccount={ownAccount} />
        </Box>
      )}
    </Box>
  );
}
