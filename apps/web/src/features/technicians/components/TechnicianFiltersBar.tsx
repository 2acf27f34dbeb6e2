import { MenuItem, TextField } from '@mui/material';
import { FiltersSection } from '@/components/ui/FiltersSection';
import { SearchField } from '@/components/ui/SearchField';
import { useSettledText } from '@/lib/use-settled-text';
import type { TechnicianFilters } from '../hooks/use-technician-filters';

interface Props {
  filters: TechnicianFilters;
  onChange: (changes: Partial<TechnicianFilters>) => void;
}

/** Name or employee id, a skill, and active or not; typing asks the server once it pauses. */
export function TechnicianFiltersBar({ filters, onChange }: Props) {
  const [search, setSearch] = useSettledText(filters.search, (text) => onChange({ search: text }));
  const [skill, setSkill] = useSettledText(filters.skill, (text) => onChange({ skill: text }));

  return (
    <FiltersSection>
      <SearchField
        label="Search"
        placeholder="Name or employee id"
        value={search}
        onChange={setSearch}
        sx={{ flex: '1 1 220px', maxWidth: 360 }}
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
    </FiltersSection>
  );
}
