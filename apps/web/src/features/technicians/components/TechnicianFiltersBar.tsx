import SearchIcon from '@mui/icons-material/Search';
import { Box, InputAdornment, MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import type { TechnicianFilters } from '../hooks/use-technician-filters';

export const TYPING_DEBOUNCE_MS = 300;

interface Props {
  filters: TechnicianFilters;
  onChange: (changes: Partial<TechnicianFilters>) => void;
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

/** Name or employee id, a skill, and active or not; typing asks the server once it pauses. */
export function TechnicianFiltersBar({ filters, onChange }: Props) {
  const [search, setSearch] = useSettledText(filters.search, (text) => onChange({ search: text }));
  const [skill, setSkill] = useSettledText(filters.skill, (text) => onChange({ skill: text }));

  return (
    <Box component="section" aria-label="Filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
      <TextField
        label="Search"
        type="search"
        size="small"
        placeholder="Name or employee id"
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
        label="Skill"
        size="small"
        placeholder="e.g. electrical"
        value={skill}
        onChange={(event) => setSkill(event.target.value)}
        sx={{ minWidth: 160 }}
      />
      <TextField
        select
        label="Showing"
        size="small"
        value={filters.active || 'all'}
        onChange={(event) => onChange({ active: event.target.value === 'all' ? '' : (event.target.value as 'true' | 'false') })}
        sx={{ minWidth: 150 }}
      >
        <MenuItem value="true">Active</MenuItem>
        <MenuItem value="false">Inactive</MenuItem>
        <MenuItem value="all">Everyone</MenuItem>
      </TextField>
    </Box>
  );
}
