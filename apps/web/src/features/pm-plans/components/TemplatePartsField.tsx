import type { Part } from '@msched/contracts';
import { TextField } from '@mui/material';
import { EditableLines } from '@/components/ui/EditableLines';
import { ServerSearchPicker } from '@/components/ui/ServerSearchPicker';
import type { FieldErrors } from '@/lib/form-errors';
import { useGetPartChoiceQuery } from '../api/get-part-choice';
import { useListPartChoicesQuery } from '../api/list-part-choices';
import type { TemplateFormValues } from '../utils/pm-plan-form';

type Line = TemplateFormValues['parts'][number];
type Option = Pick<Part, 'id' | 'partNumber' | 'name'>;
const labelOf = (option: Option) => `${option.partNumber} · ${option.name}`;

const usePartChoices = (search: string | undefined) => ({ options: useListPartChoicesQuery({ search }).data?.data });
const useChosenPart = (id: string, skip: boolean) => useGetPartChoiceQuery(id, { skip }).data;

function PartPicker({ value, label, error, onChange }: { value: string; label: string; error?: string; onChange: (id: string) => void }) {
  return (
    <ServerSearchPicker<Option>
      value={value}
      onChange={onChange}
      label={label}
      optionLabel={labelOf}
      useOptions={usePartChoices}
      useChosen={useChosenPart}
      error={error}
      size="small"
      sx={{ flex: 1, minWidth: 180 }}
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
    <EditableLines
      legend="Parts to reserve"
      noun="part"
      lines={parts}
      onChange={onChange}
      blank={{ partId: '', quantity: '1' }}
      disabled={disabled}
      wrap
      renderLine={(line, index) => (
        <>
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
        </>
      )}
    />
  );
}
