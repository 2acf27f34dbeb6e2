import type { EquipmentHealth } from '@msched/contracts';
import { Box, Typography } from '@mui/material';
import { formatRul, formatRulInterval, intervalGeometry } from '../utils/health-format';

interface Props {
  rul: NonNullable<EquipmentHealth['rul']>;
  /** The track's right end; a table passes one scale for every row so bars compare. */
  max?: number;
  /** A thin bar without labels, for table rows. */
  compact?: boolean;
}

/** Remaining useful life: the likely interval as a band on a track from 0, the estimate as a marker. */
export function RulIntervalBar({ rul, max, compact }: Props) {
  const geometry = intervalGeometry(rul, max);
  const description = `Remaining useful life about ${formatRul(rul)}, likely between ${formatRulInterval(rul)}`;
  return (
    <Box role="img" aria-label={description} sx={{ minWidth: compact ? 120 : 200 }}>
      <Box sx={{ position: 'relative', height: compact ? 10 : 16, bgcolor: 'grey.200', borderRadius: 1, my: compact ? 0.5 : 1 }}>
        <Box
          data-testid="rul-interval"
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: `${geometry.lowerPercent}%`,
            width: `${Math.max(geometry.upperPercent - geometry.lowerPercent, 0.5)}%`,
            bgcolor: 'primary.light',
            opacity: 0.6,
            borderRadius: 1,
          }}
        />
        <Box
          sx={{
            position: 'absolute',
            top: -3,
            bottom: -3,
            left: `calc(${geometry.estimatePercent}% - 1.5px)`,
            width: 3,
            bgcolor: 'primary.dark',
            borderRadius: 0.5,
          }}
        />
      </Box>
      {!compact && (
        <Box sx={{ display: 'flex', justifyContent: 'space-between' }} aria-hidden>
          <Typography variant="caption" color="text.secondary">
            0
          </Typography>
          <Typography variant="caption" color="text.secondary">
            likely {formatRulInterval(rul)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {Math.round(geometry.max)} {rul.unit}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
