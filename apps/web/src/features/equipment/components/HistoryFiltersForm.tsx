import { FINISHED_WORK_ORDER_STATUSES, PRIORITIES } from '@msched/contracts';
import { Box, Button, TextField } from '@mui/material';
import { MultiSelectField } from '@/components/ui/MultiSelectField';
import { humanize } from '@/lib/format';
import { type HistoryFilters, NO_HISTORY_FILTERS } from '../utils/history-filters';
import { HistoryTechnicianPicker } from './HistoryTechnicianPicker';

interface Props {
  filters: HistoryFilters;
  onChange: (changes: Partial<HistoryFilters>) => void;
  /** What is wrong with "Finished until", if anything. */
  untilError?: string;
  /** Only those who list technicians can pick one. */
  canPickTechnician: boolean;
}

/** The history's filters, as the API takes them: outcome, priority, when it finished, who did it. */
export function HistoryFiltersForm({ filters, onChange, untilError, canPickTechnician }: Props) {
  const date = (field: 'finishedFrom' | 'finishedUntil', label: string, error?: string) => (
    <TextField
      label={label}
      type="date"
      size="small"
      value={filters[field]}
      onChange={(event) => onChange({ [field]: event.target.value })}
      error={Boolean(error)}
      helperText={error}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ width: 170 }}
    />
  );
  return (
    <Box
      component="section"
      aria-label="History filters"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'flex-start', mb: 1.5 }}
    >
      <MultiSelectField
        label="Outcome"
        options={FINISHED_WORK_ORDER_STATUSES}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        optionLabel={humanize}
        minWidth={140}
      />
      <MultiSelectField
        label="Priority"
        options={PRIORITIES}
        value={filters.priority}
        onChange={(priority) => onChange({ priority })}
        optionLabel={humanize}
        minWidth={140}
      />
      {date('finishedFrom', 'Finished from')}
      {date('finishedUntil', 'Finished until', untilError)}
      {canPickTechnician && (
        <HistoryTechnicianPicker value={filters.technicianId} onChange={(technicianId) => onChange({ technicianId })} size="small" />
      )}
      <Button onClick={() => onChange(NO_HISTORY_FILTERS)}>Clear filters</Button>
    </Box>
  );
}
