import { EQUIPMENT_STATUSES, type Equipment, type EquipmentStatus } from '@msched/contracts';
import { Box, Button, MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { humanize } from '@/lib/format';
import { useFocusBackWhenDone } from '@/lib/use-focus-back-when-done';
import { useChangeEquipmentStatusMutation } from '../api/change-equipment-status';

interface Props {
  equipment: Equipment;
  onReload: () => void;
}

/** Changes the status against the version shown; a change by someone else in between is a 412, with Reload. */
export function EquipmentStatusControl({ equipment, onReload }: Props) {
  const [status, setStatus] = useState<EquipmentStatus>(equipment.status);
  const [change, { error, isLoading, reset }] = useChangeEquipmentStatusMutation();
  // The button is disabled while saving, and stays so once the status is saved: the keyboard goes
  // back to the status field rather than to the page.
  const statusField = useFocusBackWhenDone<HTMLElement>(isLoading);
  useEffect(() => setStatus(equipment.status), [equipment.status]);

  const save = async () => {
    reset();
    await change({ id: equipment.id, version: equipment.version, status })
      .unwrap()
      .catch(() => undefined);
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as EquipmentStatus)}
          // A select's input ref focuses its button (the combobox).
          inputRef={statusField}
          sx={{ minWidth: 170 }}
        >
          {EQUIPMENT_STATUSES.map((option) => (
            <MenuItem key={option} value={option}>
              {humanize(option)}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="contained" onClick={save} disabled={status === equipment.status || isLoading}>
          {isLoading ? 'Saving…' : 'Change status'}
        </Button>
      </Box>
      <ProblemAlert
        error={error}
        subject="equipment"
        onReload={() => {
          reset();
          onReload();
        }}
      />
    </Box>
  );
}
