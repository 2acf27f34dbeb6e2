import InfoIcon from '@mui/icons-material/InfoOutlined';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import { confidenceLevel, confidenceMeaning } from '../utils/health-format';

/**
 * The confidence figure with its meaning one tap or focus away: the info button carries the
 * explanation as its description, so a screen reader reads it too.
 */
export function ConfidenceBadge({ confidence, compact }: { confidence: number | null; compact?: boolean }) {
  const meaning = confidenceMeaning(confidence);
  const text =
    confidence === null
      ? '—'
      : compact
        ? String(Math.round(confidence))
        : `${Math.round(confidence)} / 100 · ${confidenceLevel(confidence).label}`;
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <Typography variant="body2" component="span">
        {text}
      </Typography>
      <Tooltip title={meaning} describeChild enterTouchDelay={0} leaveTouchDelay={6000}>
        <IconButton size="small" aria-label="What confidence means" sx={{ minWidth: 32, minHeight: 32 }}>
          <InfoIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
