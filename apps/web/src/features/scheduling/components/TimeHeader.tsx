import { Box, Typography } from '@mui/material';
import { type BoardRange, type Slot, placeOnAxis } from '../utils/board-time';
import { dayLine } from './RowTrack';
import { NAME_COLUMN } from './TechnicianRow';

const hour = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });

/** Hours on a day; on a week the day's name over its morning half (the afternoon half is the lighter line). */
const slotLabel = (range: BoardRange, start: number) => {
  if (range.view === 'day') return hour.format(start);
  return new Date(start).getHours() < 12 ? day.format(start) : '';
};

/** A week's day name spans the whole day, to the next day's first slot (its afternoon slot has no label of its own). */
function labelled(range: BoardRange, slot: Slot, index: number): Slot {
  if (range.view !== 'week' || !slotLabel(range, slot.start)) return slot;
  const date = new Date(slot.start).getDate();
  const nextDay = range.slots.slice(index + 1).find((other) => new Date(other.start).getDate() !== date);
  return { ...slot, end: nextDay?.start ?? range.end };
}

/** The time axis above the rows (hours of a day, or half-days of a week). */
export function TimeHeader({ range }: { range: BoardRange }) {
  return (
    <Box sx={{ display: 'flex', position: 'sticky', top: 0, zIndex: 5, bgcolor: 'background.paper' }} aria-hidden>
      <Box
        data-name-column
        sx={{ width: NAME_COLUMN, flexShrink: 0, position: 'sticky', left: 0, bgcolor: 'background.paper', px: 1, zIndex: 6 }}
      >
        <Typography variant="caption" sx={{ fontWeight: 600 }}>
          Technician
        </Typography>
      </Box>
      <Box sx={{ position: 'relative', flex: 1, height: 28 }}>
        {range.slots.map((slot, index) => {
          const place = placeOnAxis(range, labelled(range, slot, index));
          if (!place) return null;
          return (
            <Typography
              key={slot.key}
              variant="caption"
              sx={{
                position: 'absolute',
                left: `${place.left}%`,
                width: `${place.width}%`,
                pl: 0.5,
                borderLeft: 1,
                borderColor: dayLine(range, slot.start),
              }}
              noWrap
            >
              {slotLabel(range, slot.start)}
            </Typography>
          );
        })}
      </Box>
    </Box>
  );
}
