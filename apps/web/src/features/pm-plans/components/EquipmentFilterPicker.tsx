import type { Equipment } from '@msched/contracts';
import { Autocomplete, TextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useGetEquipmentChoiceQuery } from '../api/get-equipment-choice';
import { useListEquipmentChoicesQuery } from '../api/list-equipment-choices';

type Option = Pick<Equipment, 'id' | 'name' | 'equipmentNumber'>;
export const equipmentLabel = (option: Option) => `${option.equipmentNumber} · ${option.name}`;

interface Props {
  value: string;
  onChange: (equipmentId: string) => void;
  label?: string;
  error?: string;
  required?: boolean;
  size?: 'small' | 'medium';
}

/** One piece of equipment by number or name, searched on the server as the user types. */
export function EquipmentFilterPicker({ value, onChange, label = 'Equipment', error, required, size = 'small' }: Props) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { data, isFetching } = useListEquipmentChoicesQuery({ search: search || undefined });
  const listed = data?.data.find((option) => option.id === value);
  const { data: fetched } = useGetEquipmentChoiceQuery(value, { skip: !value || Boolean(listed) });
  const current = listed ?? (fetched?.id === value ? fetched : null);
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
      getOptionLabel={equipmentLabel}
      isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
      filterOptions={(all) => all}
      loading={isFetching}
      size={size}
      sx={{ minWidth: 240 }}
      renderInput={(params) => <TextField {...params} label={label} required={required} error={Boolean(error)} helperText={error} />}
    />
  );
}
