import type { Equipment } from '@msched/contracts';
import { Box, Link, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Section } from '@/components/ui/Section';
import { formatDate } from '@/lib/format';
import { useListLocationTreeQuery } from '../api/list-locations';
import { locationPathLabel } from '../utils/location-tree';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children || '—'}
      </Typography>
    </>
  );
}

/** What the equipment is and where it stands. */
export function EquipmentFacts({ equipment }: { equipment: Equipment }) {
  const { data: locations } = useListLocationTreeQuery();
  return (
    <Section title="Details">
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.75, m: 0 }}>
        <Fact label="Type">{equipment.type}</Fact>
        <Fact label="Criticality">{equipment.criticality}</Fact>
        <Fact label="Location">
          {equipment.locationId && (
            <Link component={RouterLink} to={`/equipment?location=${equipment.locationId}`}>
              {locationPathLabel(locations, equipment.locationId) || 'Open location'}
            </Link>
          )}
        </Fact>
        <Fact label="Part of">
          {equipment.parentId && (
            <Link component={RouterLink} to={`/equipment/${equipment.parentId}`}>
              Parent equipment
            </Link>
          )}
        </Fact>
        <Fact label="Manufacturer">{[equipment.manufacturer, equipment.model].filter(Boolean).join(' · ')}</Fact>
        <Fact label="Serial number">{equipment.serialNumber}</Fact>
        <Fact label="Installed">{equipment.installDate ? formatDate(equipment.installDate) : ''}</Fact>
        {equipment.description && <Fact label="Notes">{equipment.description}</Fact>}
      </Box>
    </Section>
  );
}
