import { Chip } from '@mui/material';
import { riskLevel } from '../utils/health-format';

/** Risk 0–100 with its level in words (colour is never the only sign). */
export function RiskChip({ risk }: { risk: number }) {
  const level = riskLevel(risk);
  return (
    <Chip
      size="small"
      color={level.color}
      label={`${Math.round(risk)} · ${level.label}`}
      aria-label={`Risk ${Math.round(risk)} of 100, ${level.label}`}
    />
  );
}
