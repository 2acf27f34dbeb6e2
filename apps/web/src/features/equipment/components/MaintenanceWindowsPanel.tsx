import type { Equipment } from '@msched/contracts';
import EditIcon from '@mui/icons-material/EditOutlined';
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { Section } from '@/components/ui/Section';
import { WeeklyCalendarView } from '@/components/weekly-calendar/WeeklyCalendarView';
import { WINDOWS_WORDING } from '../utils/maintenance-windows-form';
import { MaintenanceWindowsEditor } from './MaintenanceWindowsEditor';

interface Props {
  equipment: Equipment;
  /** Who may write equipment edits them. */
  editable: boolean;
  onReload: () => void;
}

/** When the equipment may be taken down: work that needs it down is booked only inside these windows. */
export function MaintenanceWindowsPanel({ equipment, editable, onReload }: Props) {
  const [editing, setEditing] = useState(false);
  const windows = equipment.maintenanceWindows;
  return (
    <Section
      title="Maintenance windows"
      actions={
        editable &&
        !editing && (
          <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            Edit windows
          </Button>
        )
      }
    >
      {editing ? (
        <MaintenanceWindowsEditor equipment={equipment} onDone={() => setEditing(false)} onReload={onReload} />
      ) : windows ? (
        <WeeklyCalendarView calendar={windows} wording={WINDOWS_WORDING} now={new Date()} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          None defined — work that needs this equipment down cannot be booked.
        </Typography>
      )}
    </Section>
  );
}
