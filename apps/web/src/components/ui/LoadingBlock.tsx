import { Box, CircularProgress, Typography } from '@mui/material';

/** A spinner that says what is loading (announced politely to screen readers). */
export function LoadingBlock({ label = 'Loading…' }: { label?: string }) {
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 3 }}>
      <CircularProgress size={24} aria-hidden />
      <Typography color="text.secondary">{label}</Typography>
    </Box>
  );
}
