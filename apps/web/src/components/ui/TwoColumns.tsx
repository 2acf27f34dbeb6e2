import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A page's two columns on a wide screen, their widths in the proportion `ratio` (main first),
 * and one below the other on anything narrower.
 */
export function TwoColumns({ ratio = [2, 1], children }: { ratio?: readonly [number, number]; children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: `minmax(0, ${ratio[0]}fr) minmax(0, ${ratio[1]}fr)` },
        alignItems: 'start',
      }}
    >
      {children}
    </Box>
  );
}
