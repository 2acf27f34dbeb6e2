import { PRIORITIES } from '@msched/contracts';
import { Box, Typography } from '@mui/material';
import { humanize } from '@/lib/format';
import { PRIORITY_FILL } from '../utils/work-order-display';
import { LEAVE_FILL, OFF_SHIFT_FILL } from './RowShading';

const Swatch = ({ background, label, border }: { background: string; label: string; border?: string }) => (
  <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
    <Box aria-hidden sx={{ width: 16, height: 12, borderRadius: 0.5, background, border }} />
    <Typography variant="caption">{label}</Typography>
  </Box>
);

/** What the colours and patterns mean (bars also say it in their names). */
export function BoardLegend() {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }} aria-label="Legend" role="group">
      {PRIORITIES.map((priority) => (
        <Swatch key={priority} background={PRIORITY_FILL[priority]} label={humanize(priority)} />
      ))}
      <Swatch background="repeating-linear-gradient(135deg, #4f5b66 0 4px, #8a949c 4px 8px)" label="In progress" />
      <Swatch background="#4f5b66" border="2px dashed #fff" label="Pending approval" />
      <Swatch background={OFF_SHIFT_FILL} label="Off shift" />
      <Swatch background={LEAVE_FILL} label="Leave" />
    </Box>
  );
}
