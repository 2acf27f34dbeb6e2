import { FormControlLabel, FormHelperText, Switch } from '@mui/material';
import { useId } from 'react';

interface Props {
  checked: boolean;
  onChange: (active: boolean) => void;
  /** The admin's own account: it stays active. */
  ownAccount?: boolean;
}

/** Whether the account may sign in, and what switching it off does. */
export function ActiveField({ checked, onChange, ownAccount }: Props) {
  const hintId = useId();
  return (
    <div>
      <FormControlLabel
        control={
          <Switch
            checked={checked}
            onChange={(event) => onChange(event.target.checked)}
            slotProps={{ input: { 'aria-describedby': hintId } }}
          />
        }
        label="Active"
        disabled={ownAccount}
      />
      <FormHelperText id={hintId} sx={{ mt: 0 }}>
        {ownAccount
          ? 'You cannot deactivate your own account.'
          : 'An inactive user cannot sign in; deactivating signs them out everywhere at once.'}
      </FormHelperText>
    </div>
  );
}
