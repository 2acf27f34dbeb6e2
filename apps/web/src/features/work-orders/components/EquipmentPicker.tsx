import type { Equipment } from '@msched/contracts';
import { Autocomplete, TextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useGetEquipmentOptionQuery } from '../api/get-equipment-option';
import { useListEquipmentOptionsQuery } from '../api/list-equipment-options';

interface Props {
  value: string;
  onChange: (equipmentId: string) => void;
  label?: string;
  error?: string;
  required?: boolean;
  /** The selected equipment when the caller already has it (saves a request). */
  selected?: Pick<Equipment, 'id' | 'name' | 'equipmentNumber'> | null;
  size?: 'small' | 'medium';
}

type Option = Pick<Equipment, 'id' | 'name' | 'equipmentNumber'>;
const labelOf = (option: Option) => `${option.equipmentNumber} · ${option.name}`;

/** Equipment by number or name, searched on the server as the user types. */
export function EquipmentPicker({ value, onChange, label = 'Equipment', error, required, selected, size }: Props) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { data, isFetching } = useListEquipmentOptionsQuery({ search: search || undefined });
  const known = selected?.id === value ? selected : data?.data.find((option) => option.id === value);
  const { data: fetched } = useGetEquipmentOptionQuery(value, { skip: !value || Boolean(known) });
  const current = known ?? (fetched?.id === value ? fetched : null);
  const options = useMemo(() => {
    const list: Option[] = data?.data ?? [];
    return current && !list.some((option) => option.id === current.id) ? [current, ...list] : list;
  }, [data, current]);

  return (
    <Autocomplete
      options={options}
      value={value ? current : null}
      onChange={(_event, option) => onChange(option?.id ?? '')}
      onInputChange={(_event, text, reason) => reason === 'input' && setInput(text)}
      getOptionLabel={labelOf}
      isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
      filterOptions={(all) => all}
      loading={isFetching}
      size={size}
      renderInput={(params) => <TextField {...params} label={label} required={required} error={Boolean(error)} helperText={error} />}
    />
  );
}
