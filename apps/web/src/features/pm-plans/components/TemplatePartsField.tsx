import type { Part } from '@msched/contracts';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Autocomplete, Box, Button, IconButton, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { FieldErrors } from '@/lib/form-errors';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useGetPartChoiceQuery } from '../api/get-part-choice';
import { useListPartChoicesQuery } from '../api/list-part-choices';
import type { TemplateFormValues } from '../utils/pm-plan-form';

type Line = TemplateFormValues['parts'][number];
type Option = Pick<Part, 'id' | 'partNumber' | 'name'>;
const labelOf = (option: Option) => `${option.partNumber} · ${option.name}`;

function PartPicker({ value, label, error, onChange }: { value: string; label: string; error?: string; onChange: (id: string) => void }) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { data } = useListPartChoicesQuery({ search: search || undefined });
  const listed = data?.data.find((option) => option.id === value);
  const { data: fetched } = useGetPartChoiceQuery(value, { skip: !value || Boolean(listed) });
  const current = listed ?? (fetched?.id === value ? fetched : null);
  const options = useMemo(() => {
    const list: Option[] = data?.data ?? [];
    return current && !list.some((option) => option.id === current.id) ? [current, ...list] : list;
  }, [data, current]);
  return (
    <Autocomplete
      size="small"
      options={options}
      value={value ? current : null}
      onChange={(_event, option) => onChange(option?.id ?? '')}
      onInputChange={(_event, text, reason) => reason === 'input' && setInput(text)}
      getOptionLabel={labelOf}
      isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
      filterOptions={(all) => all}
      sx={{ flex: 1, minWidth: 180 }}
      renderInput={(params) => <TextField {...params} label={label} error={Boolean(error)} helperText={error} />}
    />
  );
}

/** Parts each generated work order reserves from stock. */
export function TemplatePartsField({
  parts,
  errors,
  onChange,
  disabled,
}: {
  parts: Line[];
  errors: FieldErrors;
  onChange: (parts: Line[]) => void;
  disabled?: boolean;
}) {
  const set = (index: number, changes: Partial<Line>) =>
    onChange(parts.map((line, position) => (position === index ? { ...line, ...changes } : line)));
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} disabled={disabled}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
        Parts to reserve
      </Typography>
      {parts.map((line, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 1, mb: 1, flexWrap: 'wrap' }}>
          <PartPicker
            label={`Part ${index + 1}`}
            value={line.partId}
            error={errors[`template.parts.${index}.partId`]}
            onChange={(partId) => set(index, { partId })}
          />
          <TextField
            size="small"
            type="number"
            label={`Quantity of part ${index + 1}`}
            value={line.quantity}
            onChange={(event) => set(index, { quantity: event.target.value })}
            error={Boolean(errors[`template.parts.${index}.quantity`])}
            helperText={errors[`template.parts.${index}.quantity`]}
            slotProps={{ htmlInput: { min: 1 } }}
            sx={{ width: 150 }}
          />
          <IconButton
            aria-label={`Remove part ${index + 1}`}
            onClick={() => onChange(parts.filter((_line, position) => position !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      {!disabled && (
        <Button startIcon={<AddIcon />} onClick={() => onChange([...parts, { partId: '', quantity: '1' }])}>
          Add part
        </Button>
      )}
    </Box>
  );
}
