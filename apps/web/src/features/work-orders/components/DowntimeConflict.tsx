import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useGetEquipmentOptionQuery } from '../api/get-equipment-option';

/**
 * `conflicts.maintenanceWindow` of a 409 from `/assign`: work that needs its equipment down, whose
 * booking holds too little of the crew's working time inside the equipment's windows.
 */
export interface MaintenanceWindowConflict {
  equipmentId: string;
  minutesShort: number;
}

/**
 * The equipment, linked (in a new tab, so the dialog stays), and how many minutes of work the
 * booking cannot do inside its maintenance windows; said differently when it has none at all.
 */
export function DowntimeConflict({ conflict }: { conflict: MaintenanceWindowConflict }) {
  const { data: equipment } = useGetEquipmentOptionQuery(conflict.equipmentId);
  const minutes = `${conflict.minutesShort} min`;
  return (
    <>
      Needs{' '}
      <Link component={RouterLink} to={`/equipment/${conflict.equipmentId}`} target="_blank">
        {equipment?.equipmentNumber ?? 'its equipment'}
      </Link>{' '}
      down:{' '}
      {equipment && !equipment.maintenanceWindows
        ? `it has no maintenance windows defined, so none of the work can be done`
        : `the booking holds ${minutes} too little of the crew's time inside its maintenance windows`}
    </>
  );
}
