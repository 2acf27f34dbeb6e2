import { PRIORITIES, type Priority, WORK_ORDER_STATUSES, type WorkOrderStatus } from '@msched/contracts';
import FilterListIcon from '@mui/icons-material/FilterList';
import { Box, Button, Collapse, InputAdornment, TextField, useMediaQuery, useTheme } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useState } from 'react';
import { MultiSelectField } from '@/components/ui/MultiSelectField';
import { humanize } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { type WorkOrderFilters, hasActiveFilters } from '../utils/filters';
import { EquipmentPicker } from './EquipmentPicker';
import { TechnicianPicker } from './TechnicianPicker';

/** How long typing pauses before the list is asked for again (the server does not debounce). */
export const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  filters: WorkOrderFilters;
  onChange: (changes: Partial<WorkOrderFilters>, options?: { replace?: boolean }) => void;
  /** Technicians can be listed by staff only. */
  showTechnician: boolean;
}

export function WorkOrderFiltersBar({ filters, onChange, showTechnician }: Props) {
  const [search, setSearch] = useState(filters.search);
  const debouncedSearch = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const wide = useMediaQuery(useTheme().breakpoints.up('md'));
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (debouncedSearch !== filters.search) onChange({ search: debouncedSearch }, { replace: true });
    // Runs only when the typed text settles; the URL's value wins when it changes from elsewhere (below).
  }, [debouncedSearch]);
  useEffect(() => setSearch(filters.search), [filters.search]);

  const date = (label: string, key: 'dueFrom' | 'dueTo' | 'createdAfter') => (
    <TextField
      label={label}
      type="date"
      size="small"
      value={filters[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );

  return (
    <Box component="section" aria-label="Filters" sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <TextField
          label="Search"
          type="search"
          size="small"
          placeholder="Number, title, equipment, technician"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          sx={{ flex: 1, maxWidth: 480 }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        {!wide && (
          <Button startIcon={<FilterListIcon />} aria-expanded={open} aria-controls="work-order-filters" onClick={() => setOpen(!open)}>
            Filters
          </Button>
        )}
      </Box>
      <Collapse in={wide || open}>
        <Box id="work-order-filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mt: 1.5, alignItems: 'center' }}>
          <MultiSelectField<WorkOrderStatus>
            label="Status"
            options={WORK_ORDER_STATUSES}
            value={filters.status}
            onChange={(status) => onChange({ status })}
            optionLabel={humanize}
          />
          <MultiSelectField<Priority>
            label="Priority"
            options={PRIORITIES}
            value={filters.priority}
            onChange={(priority) => onChange({ priority })}
            optionLabel={humanize}
            minWidth={150}
          />
          {showTechnician && (
            <Box sx={{ minWidth: 220 }}>
              <TechnicianPicker size="small" value={filters.technicianId} onChange={(technicianId) => onChange({ technicianId })} />
            </Box>
          )}
          <Box sx={{ minWidth: 240 }}>
            <EquipmentPicker size="small" value={filters.equipmentId} onChange={(equipmentId) => onChange({ equipmentId })} />
          </Box>
          {date('Due from', 'dueFrom')}
          {date('Due to', 'dueTo')}
          {date('Created after', 'createdAfter')}
          {hasActiveFilters(filters) && (
            <Button
              onClick={() => {
                setSearch('');
                onChange({
                  status: [],
                  priority: [],
                  technicianId: '',
                  equipmentId: '',
                  dueFrom: '',
                  dueTo: '',
                  createdAfter: '',
                  search: '',
                });
              }}
            >
              Clear filters
            </Button>
          )}
        </Box>
      </Collapse>
    </Box>
  );
}
