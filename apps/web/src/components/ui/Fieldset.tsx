import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A group of form fields named by its legend, without the browser's frame; `disabled` disables every field in it. */
export function Fieldset({ legend, disabled, children }: { legend?: string; disabled?: boolean; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} disabled={disabled}>
      {legend && (
        <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
          {legend}
        </Typography>
      )}
      {children}
    </Box>
  );
}
