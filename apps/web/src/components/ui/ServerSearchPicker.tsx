import { Autocomplete, type SxProps, TextField, type Theme } from '@mui/material';
import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';

interface Choice {
  id: string;
}

/** What the server lists for the typed text (`undefined`: nothing typed yet). */
type UseSearchOptions<T> = (search: string | undefined) => { options: readonly T[] | undefined; loading?: boolean };
/** The chosen one by id, asked for only when `skip` is false (the search did not list it). */
type UseChosenOption<T> = (id: string, skip: boolean) => T | undefined;

/** What a feature's picker takes from its callers. */
export interface PickerProps {
  value: string;
  onChange: (id: string) => void;
  label?: string;
  error?: string;
  required?: boolean;
  size?: 'small' | 'medium';
}

interface Props<T extends Choice> extends PickerProps {
  label: string;
  optionLabel: (option: T) => string;
  // The feature's own queries, as hooks defined once per module: they are called on every render.
  useOptions: UseSearchOptions<T>;
  useChosen: UseChosenOption<T>;
  /** The chosen one when the caller already has it (saves a request). */
  selected?: T | null;
  sx?: SxProps<Theme>;
}

/** Whether an option's label holds the typed text (any case): how an older search's options are narrowed. */
export const matchesTyped = (label: string, typed: string) => label.toLowerCase().includes(typed.trim().toLowerCase());

/**
 * One record by id, searched on the server as the user types. The chosen one stays shown (and
 * listed) even when the current search does not find it, so a stored id always has its name.
 */
export function ServerSearchPicker<T extends Choice>({
  value,
  onChange,
  label,
  optionLabel,
  useOptions,
  useChosen,
  selected,
  error,
  required,
  size,
  sx,
}: Props<T>) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { options: listed, loading } = useOptions(search || undefined);
  const known = selected?.id === value ? selected : listed?.find((option) => option.id === value);
  const fetched = useChosen(value, !value || Boolean(known));
  const current = known ?? (fetched?.id === value ? fetched : null);
  const options = useMemo(() => {
    const list = listed ?? [];
    return current && !list.some((option) => option.id === current.id) ? [current, ...list] : list;
  }, [listed, current]);

  return (
    <Autocomplete
      options={options}
      value={value ? current : null}
      onChange={(_event, option) => onChange(option?.id ?? '')}
      onInputChange={(_event, text, reason) => reason === 'input' && setInput(text)}
      getOptionLabel={optionLabel}
      isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
      // The server filters. Until it has answered for what is typed now (the pause before asking,
      // then the request), the options shown are an older search's: only those whose label has
      // the typed text stay, so a quick pick (↓ Enter, a tap) cannot take a machine never asked for.
      filterOptions={(all, state) =>
        input === search && !loading ? all : all.filter((option) => matchesTyped(optionLabel(option), state.inputValue))
      }
      loading={loading}
      size={size}
      sx={sx}
      renderInput={(params) => <TextField {...params} label={label} required={required} error={Boolean(error)} helperText={error} />}
    />
  );
}
