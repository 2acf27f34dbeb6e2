import VisibilityIcon from '@mui/icons-material/VisibilityOutlined';
import { Avatar, AvatarGroup, Box, Tooltip, Typography } from '@mui/material';
import { useWorkOrderViewers } from '../hooks/use-work-order-viewers';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** Who else has this work order open right now (from the real-time channel's presence). */
export function ViewersIndicator({ workOrderId, selfId }: { workOrderId: string; selfId: string }) {
  const viewers = useWorkOrderViewers(workOrderId, selfId);
  if (viewers.length === 0) return null;
  const names = viewers.map((viewer) => viewer.name).join(', ');
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <VisibilityIcon fontSize="small" aria-hidden />
      <Typography variant="body2">Also viewing: {names}</Typography>
      <AvatarGroup max={4} sx={{ '& .MuiAvatar-root': { width: 26, height: 26, fontSize: 12 } }} aria-hidden>
        {viewers.map((viewer) => (
          <Tooltip key={viewer.userId} title={viewer.name}>
            <Avatar>{initials(viewer.name)}</Avatar>
          </Tooltip>
        ))}
      </AvatarGroup>
    </Box>
  );
}
