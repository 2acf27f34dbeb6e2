import { Box, Button } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';

/**
 * A form's submit button (disabled, with `busyLabel`, while it is sent) and its way out: a link
 * back (`cancel` a path) or a callback (closing an inline editor).
 */
export function FormActions({
  label,
  busyLabel,
  busy,
  cancel,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  cancel: string | (() => void);
}) {
  return (
    <Box sx={{ display: 'flex', gap: 1 }}>
      <Button type="submit" variant="contained" disabled={busy}>
        {busy ? busyLabel : label}
      </Button>
      {typeof cancel === 'string' ? (
        <Button component={RouterLink} to={cancel}>
          Cancel
        </Button>
      ) : (
        <Button onClick={cancel}>Cancel</Button>
      )}
    </Box>
  );
}
