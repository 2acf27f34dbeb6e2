import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import { FormControl, InputLabel, ListItemIcon, ListItemText, MenuItem, OutlinedInput, Select } from '@mui/material';
import { useId } from 'react';

interface Props<T extends string> {
  label: string;
  options: readonly T[];
  value: T[];
  onChange: (value: T[]) => void;
  optionLabel?: (option: T) => string;
  size?: 'small' | 'medium';
  minWidth?: number;
}

/** A labelled select of several values, each option showing whether it is chosen. */
export function MultiSelectField<T extends string>({
  label,
  options,
  value,
  onChange,
  optionLabel = String,
  size = 'small',
  minWidth = 180,
}: Props<T>) {
  const labelId = useId();
  return (
    <FormControl size={size} sx={{ minWidth }}>
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select<T[]>
        labelId={labelId}
        multiple
        value={value}
        onChange={(event) => onChange((typeof event.target.value === 'string' ? event.target.value.split(',') : event.target.value) as T[])}
        input={<OutlinedInput label={label} />}
        renderValue={(selected) => (selected.length > 2 ? `${selected.length} selected` : selected.map(optionLabel).join(', '))}
      >
        {options.map((option) => (
          <MenuItem key={option} value={option}>
            {/* The option's selected state is announced by the listbox; the box only shows it. */}
            <ListItemIcon aria-hidden>
              {value.includes(option) ? <CheckBoxIcon fontSize="small" color="primary" /> : <CheckBoxOutlineBlankIcon fontSize="small" />}
            </ListItemIcon>
            <ListItemText primary={optionLabel(option)} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
