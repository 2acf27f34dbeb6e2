import { EQUIPMENT_STATUSES, EquipmentListQuery } from '@msched/contracts';
import { MenuItem, TextField } from '@mui/material';
import { FiltersSection } from '@/components/ui/FiltersSection';
import { SearchField } from '@/components/ui/SearchField';
import { humanize } from '@/lib/format';
import { useSettledText } from '@/lib/use-settled-text';
import type { EquipmentFilters } from '../hooks/use-equipment-filters';

/** The longest search and type the register's API takes: the boxes stop there. */
const SEARCH_MAX_LENGTH = EquipmentListQuery.shape.search.unwrap().maxLength ?? undefined;
const TYPE_MAX_LENGTH = EquipmentListQuery.shape.type.unwrap().maxLength ?? undefined;

interface Props {
  filters: EquipmentFilters;
  onChange: (changes: Partial<EquipmentFilters>) => void;
}

/** Search by name or number, status, and type (as the dashboard links to it). */
export function EquipmentFiltersBar({ filters, onChange }: Props) {
  const [search, setSearch] = useSettledText(filters.search, (text) => onChange({ search: text }));
  const [type, setType] = useSettledText(filters.type, (text) => onChange({ type: text }));
  return (
    <FiltersSection>
      <SearchField
        label="Search"
        placeholder="Name or number"
        value={search}
        // SearchField takes no maxLength: the text is cut at the limit as it is typed or pasted.
        onChange={(text) => setSearch(text.slice(0, SEARCH_MAX_LENGTH))}
        sx={{ flex: '1 1 220px', maxWidth: 360 }}
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
        slotProps={{ htmlInput: { maxLength: TYPE_MAX_LENGTH } }}
        sx={{ minWidth: 160 }}
      />
    </FiltersSection>
  );
}
