import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** A list page's filters: one landmark named "Filters", its fields wrapping on narrow screens. */
export function FiltersSection({ children }: { children: ReactNode }) {
  return (
    <Box component="section" aria-label="Filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
      {children}
    </Box>
  );
}
