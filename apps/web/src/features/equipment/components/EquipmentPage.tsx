import LocationIcon from '@mui/icons-material/PlaceOutlined';
import { Box, Button, Collapse, useMediaQuery, useTheme } from '@mui/material';
import { useState } from 'react';
import { PageHeader } from '@/components/ui/PageHeader';
import { useListLocationTreeQuery } from '../api/list-locations';
import { useEquipmentFilters } from '../hooks/use-equipment-filters';
import { locationPathLabel } from '../utils/location-tree';
import { EquipmentFiltersBar } from './EquipmentFiltersBar';
import { EquipmentRegister } from './EquipmentRegister';
import { LocationPanel } from './LocationPanel';

/** Equipment by location: the location tree beside the list it filters (on phones, behind a button). */
export function EquipmentPage() {
  const { filters, update } = useEquipmentFilters();
  const { data: locations } = useListLocationTreeQuery();
  const wide = useMediaQuery(useTheme().breakpoints.up('md'));
  const [treeOpen, setTreeOpen] = useState(false);
  const where = locationPathLabel(locations, filters.location);
  const subLocations = (locations ?? []).filter((location) => filters.location && location.parentId === filters.location);
  const choose = (location: string) => {
    update({ location });
    setTreeOpen(false);
  };

  return (
    <>
      <PageHeader title="Equipment" subtitle={where || 'All locations'} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: '280px minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Box>
          {!wide && (
            <Button
              startIcon={<LocationIcon />}
              aria-expanded={treeOpen}
              aria-controls="equipment-locations"
              onClick={() => setTreeOpen(!treeOpen)}
            >
              {treeOpen ? 'Hide locations' : 'Choose a location'}
            </Button>
          )}
          <Collapse in={wide || treeOpen}>
            <Box id="equipment-locations">
              <LocationPanel selectedId={filters.location} onSelect={choose} />
            </Box>
          </Collapse>
        </Box>
        <Box>
          <EquipmentFiltersBar filters={filters} onChange={update} />
          <EquipmentRegister filters={filters} onChange={update} subLocations={subLocations} />
        </Box>
      </Box>
    </>
  );
}
