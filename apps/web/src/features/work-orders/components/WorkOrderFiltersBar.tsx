import {
  PRIORITIES,
  type Priority,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  type WorkOrderSort,
  type WorkOrderStatus,
} from '@msched/contracts';
import FilterListIcon from '@mui/icons-material/FilterList';
import { Box, Button, Collapse, MenuItem, TextField, useMediaQuery, useTheme } from '@mui/material';
import { useState } from 'react';
import { MultiSelectField } from '@/components/ui/MultiSelectField';
import { SearchField } from '@/components/ui/SearchField';
import { humanize } from '@/lib/format';
import { useSettledText } from '@/lib/use-settled-text';
import { CLEARED_FILTERS, type WorkOrderFilters, activeFilterCount, dueRangeProblem, hasActiveFilters } from '../utils/filters';
import { SORT_LABELS } from '../utils/labels';
import { EquipmentPicker } from './EquipmentPicker';
import { TechnicianPicker } from './TechnicianPicker';
import { touchTarget } from '@/components/ui/touch-target';

interface Props {
  filters: WorkOrderFilters;
  onChange: (changes: Partial<WorkOrderFilters>, options?: { replace?: boolean }) => void;
  /** Technicians can be listed by staff only. */
  showTechnician: boolean;
}

/**
 * Search, filters and (below md, where the table's sortable columns are hidden) a sort select.
 * Narrow screens fold the filters behind a button that counts the active ones.
 */
export function WorkOrderFiltersBar({ filters, onChange, showTechnician }: Props) {
  const [search, setSearch] = useSettledText(filters.search, (text) => onChange({ search: text }, { replace: true }));
  const wide = useMediaQuery(useTheme().breakpoints.up('md'));
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(filters);
  // Shown on its field, so a folded panel opens to show it.
  const rangeProblem = dueRangeProblem(filters);
  const unfolded = open || Boolean(rangeProblem);

  const date = (label: string, key: 'dueFrom' | 'dueTo' | 'createdAfter', problem?: string) => (
    <TextField
      label={label}
      // A due time (the dashboard's "overdue now") shows as one; a day as a day.
      type={filters[key].length > 10 ? 'datetime-local' : 'date'}
      size="small"
      value={filters[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      error={Boolean(problem)}
      helperText={problem}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );

  return (
    <Box component="section" aria-label="Filters" sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <SearchField
          label="Search"
          placeholder="Number, title, equipment, technician"
          value={search}
          onChange={setSearch}
          sx={{ flex: '1 1 200px', maxWidth: 480 }}
        />
        {!wide && (
          <Button
            startIcon={<FilterListIcon />}
            aria-expanded={unfolded}
            aria-controls="work-order-filters"
            onClick={() => setOpen(!open)}
            sx={touchTarget}
          >
            {active > 0 ? `Filters (${active})` : 'Filters'}
          </Button>
        )}
        {!wide && (
          <TextField
            select
            label="Sort by"
            size="small"
            value={filters.sort}
            onChange={(event) => onChange({ sort: event.target.value as WorkOrderSort })}
            sx={{ flex: '1 1 200px', maxWidth: 480, '& .MuiInputBase-root': touchTarget }}
          >
            {WORK_ORDER_SORTS.map((sort) => (
              <MenuItem key={sort} value={sort} sx={touchTarget}>
                {SORT_LABELS[sort]}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Box>
      <Collapse in={wide || unfolded}>
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
          {date('Due to', 'dueTo', rangeProblem)}
          {date('Created after', 'createdAfter')}
          {hasActiveFilters(filters) && (
            <Button
              onClick={() => {
                setSearch('');
                onChange(CLEARED_FILTERS);
              }}
              sx={touchTarget}
            >
              Clear filters
            </Button>
          )}
        </Box>
      </Collapse>
    </Box>
  );
}
