import { Checkbox, FormControlLabel, FormHelperText } from '@mui/material';
import { useId } from 'react';

interface Props {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

/** Whether the work needs its equipment down, and what that does to its booking. */
export function RequiresDowntimeField({ checked, onChange, disabled }: Props) {
  const hintId = useId();
  return (
    <div>
      <FormControlLabel
        control={
          <Checkbox
            checked={checked}
            onChange={(event) => onChange(event.target.checked)}
            slotProps={{ input: { 'aria-describedby': hintId } }}
          />
        }
        label="Needs the equipment down"
        disabled={disabled}
      />
      <FormHelperText id={hintId} sx={{ mt: 0 }}>
        Then it is booked only inside the equipment&apos;s maintenance windows.
      </FormHelperText>
    </div>
  );
}
