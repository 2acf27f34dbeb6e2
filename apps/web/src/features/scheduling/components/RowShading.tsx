import { Box } from '@mui/material';
import type { Interval } from '../utils/board-time';
import { type Leave } from '../utils/availability';
import { placeOnAxis } from '../utils/board-time';

/** Off-shift time in grey, leave hatched: drawn under the slots and bars (decoration only; the row header says it in words). */
export const OFF_SHIFT_FILL = '#e3e6ea';
export const LEAVE_FILL = 'repeating-linear-gradient(45deg, #f3d9d6 0 6px, #e7b9b4 6px 12px)';

export function RowShading({ range, offShift, leave }: { range: Interval; offShift: readonly Interval[]; leave: readonly Leave[] }) {
  const block = (interval: Interval, key: string, background: string, title?: string) => {
    const place = placeOnAxis(range, interval);
    return (
      place && (
        <Box
          key={key}
          title={title}
          data-shade={key.split('-')[0]}
          sx={{ position: 'absolute', top: 0, bottom: 0, left: `${place.left}%`, width: `${place.width}%`, background }}
        />
      )
    );
  };
  return (
    <Box aria-hidden sx={{ position: 'absolute', inset: 0 }}>
      {offShift.map((interval) => block(interval, `off-${interval.start}`, OFF_SHIFT_FILL))}
      {leave.map((interval) => block(interval, `leave-${interval.start}`, LEAVE_FILL, interval.reason ?? 'Leave'))}
    </Box>
  );
}
