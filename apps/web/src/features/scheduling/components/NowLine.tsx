import { Box } from '@mui/material';
import { useEffect, useState } from 'react';
import { type Interval, MINUTE_MS, placeOnAxis } from '../utils/board-time';

/** A red line at the current time, when it is in view; moves every minute. */
export function NowLine({ range }: { range: Interval }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE_MS);
    return () => clearInterval(timer);
  }, []);
  const place = placeOnAxis(range, { start: now, end: now + 1 });
  if (!place) return null;
  return (
    <Box
      aria-hidden
      sx={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: `${place.left}%`,
        width: 2,
        bgcolor: 'error.main',
        zIndex: 3,
        pointerEvents: 'none',
      }}
    />
  );
}
