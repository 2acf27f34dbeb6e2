import SearchIcon from '@mui/icons-material/Search';
import { InputAdornment, type SxProps, TextField, type Theme } from '@mui/material';

interface Props {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (text: string) => void;
  sx?: SxProps<Theme>;
}

/** A small search box (role searchbox) with a magnifier in front of the text. */
export function SearchField({ label, placeholder, value, onChange, sx }: Props) {
  return (
    <TextField
      label={label}
      type="search"
      size="small"
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={sx}
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
  );
}
