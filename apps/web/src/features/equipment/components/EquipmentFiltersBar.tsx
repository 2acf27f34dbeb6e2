import { EQUIPMENT_STATUSES } from '@msched/contracts';
import SearchIcon from '@mui/icons-material/Search';
import { Box, InputAdornment, MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { humanize } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import type { EquipmentFilters } from '../hooks/use-equipment-filters';

/** How long typing pauses before the server is asked again. */
export const TYPING_DEBOUNCE_MS = 300;

interface Props {
  filters: EquipmentFilters;
  onChange: (changes: Partial<EquipmentFilters>) => void;
}

/** A text box that reports what was typed once typing pauses, and follows the URL when it changes elsewhere. */
function useSettledText(value: string, onSettled: (text: string) => void) {
  const [text, setText] = useState(value);
  const settled = useDebouncedValue(text, TYPING_DEBOUNCE_MS);
  useEffect(() => {
    if (settled !== value) onSettled(settled);
    // Only when the typed text settles; the URL's value wins when it changes from elsewhere (below).
  }, [settled]);
  useEffect(() => setText(value), [value]);
  return [text, setText] as const;
}

/** Search by name or number, status, and type (as the dashboard links to it). */
export function EquipmentFiltersBar({ filters, onChange }: Props) {
  const [search, setSearch] = useSettledText(filters.search, (text) => onChange({ search: text }));
  const [type, setType] = useSettledText(filters.type, (text) => onChange({ type: text }));
  return (
    <Box component="section" aria-label="Filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
      <TextField
        label="Search"
        type="search"
        size="small"
        placeholder="Name or number"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        sx={{ flex: '1 1 220px', maxWidth: 360 }}
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
      <TextField
        select
        label="Status"
        size="small"
        value={filters.status}
        onChange={(event) => onChange({ status: event.target.value as EquipmentFilters['status'] })}
        sx={{ minWidth: 160 }}
      >
        <MenuItem value="">Any status</MenuItem>
        {EQUIPMENT_STATUSES.map((status) => (
          <MenuItem key={status} value={status}>
            {humanize(status)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Type"
        size="small"
        placeholder="e.g. Pump"
        value={type}
        onChange={(event) => setType(event.target.value)}
        sx={{ minWidth: 160 }}
      />
    </Box>
  );
}
