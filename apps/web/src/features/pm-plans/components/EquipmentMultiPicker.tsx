import type { Equipment } from '@msched/contracts';
import { Autocomplete, Chip, TextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useListEquipmentChoicesQuery } from '../api/list-equipment-choices';
import { EquipmentName } from './EquipmentName';
import { equipmentLabel } from './EquipmentFilterPicker';

type Option = Pick<Equipment, 'id' | 'name' | 'equipmentNumber'>;

/**
 * A long name ("EQ-1032 · Hydraulic Power Unit Pump LEJ-L2") wraps inside the field instead of
 * widening it (Autocomplete already keeps each chip within the field's width).
 */
const WRAPPING_CHIP = {
  height: 'auto',
  minHeight: 24,
  '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'anywhere', py: 0.25 },
} as const;

interface Props {
  value: string[];
  onChange: (equipmentIds: string[]) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * The plan's equipment: searched on the server as the user types; chosen ones are chips that
 * name themselves (a stored plan holds only ids).
 */
export function EquipmentMultiPicker({ value, onChange, error, disabled }: Props) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { data, isFetching } = useListEquipmentChoicesQuery({ search: search || undefined });
  const options = useMemo<Option[]>(() => data?.data ?? [], [data]);
  // Chosen entries only need their id: the chips fetch their own names.
  const chosen = useMemo(
    () => value.map((id) => options.find((option) => option.id === id) ?? { id, name: '', equipmentNumber: '' }),
    [value, options],
  );

  return (
    <Autocomplete
      multiple
      options={options}
      value={chosen}
      disabled={disabled}
      onChange={(_event, selected) => onChange(selected.map((option) => option.id))}
      onInputChange={(_event, text, reason) => reason === 'input' && setInput(text)}
      getOptionLabel={(option) => (option.name ? equipmentLabel(option) : option.id)}
      isOptionEqualToValue={(option, selected) => option.id === selected.id}
      filterOptions={(all) => all}
      filterSelectedOptions
      loading={isFetching}
      renderValue={(selected, getItemProps) =>
        selected.map((option, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={<EquipmentName id={option.id} />} sx={WRAPPING_CHIP} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Equipment"
          required
          error={Boolean(error)}
          helperText={error ?? 'Each piece of equipment gets its own work orders'}
        />
      )}
    />
  );
}
