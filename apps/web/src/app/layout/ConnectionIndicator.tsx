import CloudDoneIcon from '@mui/icons-material/CloudDoneOutlined';
import CloudOffIcon from '@mui/icons-material/CloudOffOutlined';
import SyncIcon from '@mui/icons-material/Sync';
import { Chip } from '@mui/material';
import { useEffect, useState } from 'react';
import { selectRealtimeStatus } from '@/lib/realtime/realtime-slice';
import { useAppSelector } from '@/lib/store';

type Shown = 'online' | 'reconnecting' | 'offline';

function useBrowserOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

const LOOK: Record<Shown, { label: string; icon: React.ReactElement; color: 'success' | 'warning' | 'default' }> = {
  online: { label: 'Live', icon: <CloudDoneIcon />, color: 'success' },
  reconnecting: { label: 'Reconnecting…', icon: <SyncIcon />, color: 'warning' },
  offline: { label: 'Offline', icon: <CloudOffIcon />, color: 'default' },
};

/** Whether what is on screen is live: the real-time connection's state, announced when it changes. */
export function ConnectionIndicator() {
  const status = useAppSelector(selectRealtimeStatus);
  const online = useBrowserOnline();
  const shown: Shown = !online
    ? 'offline'
    : status === 'connected'
      ? 'online'
      : status === 'connecting' || status === 'reconnecting'
        ? 'reconnecting'
        : 'offline';
  const look = LOOK[shown];
  return (
    <span role="status" aria-live="polite">
      <Chip
        size="small"
        icon={look.icon}
        label={look.label}
        color={look.color}
        title={shown === 'online' ? 'Changes by others appear as they happen' : 'Changes by others appear once the connection is back'}
        sx={{ bgcolor: shown === 'offline' ? 'grey.200' : undefined }}
      />
    </span>
  );
}
