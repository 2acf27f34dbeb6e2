import { AddWorkOrderPart, type Part } from '@msched/contracts';
import { Alert, Autocomplete, Box, Button, TextField } from '@mui/material';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { matchesTyped } from '@/components/ui/ServerSearchPicker';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { type PartLineResult, useAddWorkOrderPartMutation } from '../api/add-work-order-part';
import { useListPartOptionsQuery } from '../api/list-part-options';
import { touchTarget } from '@/components/ui/touch-target';

const stockOf = (part: Part) => `${part.available} available of ${part.onHand} ${part.unit} on hand`;

/** Reserve (hold for the job) or issue (take now) a part, with the stock shown before and after. */
export function AddPartForm({ workOrderId }: { workOrderId: string }) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { data, isFetching } = useListPartOptionsQuery({ search: search || undefined });
  const [part, setPart] = useState<Part | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [last, setLast] = useState<PartLineResult | null>(null);
  const [addPart, { isLoading, error, reset }] = useAddWorkOrderPartMutation();
  const keyFor = useIdempotencyKey();

  const send = async (action: 'reserve' | 'issue') => {
    reset();
    const parsed = AddWorkOrderPart.safeParse({ partId: part?.id, quantity: Number(quantity), action });
    if (!parsed.success) return setInvalid(part ? 'Enter a whole quantity of at least 1' : 'Choose a part');
    setInvalid(null);
    const result = await addPart({ workOrderId, body: parsed.data, key: keyFor({ workOrderId, ...parsed.data }) });
    if (!result.data) return;
    // Stored: the same part reserved again is a second line, not a retry of this one.
    keyFor.forget();
    setLast(result.data);
    // The hint under the field then tells the stock as it is now, as the message does.
    const { partAvailable, partOnHand } = result.data;
    setPart((chosen) => (chosen ? { ...chosen, available: partAvailable, onHand: partOnHand } : chosen));
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Autocomplete
          sx={{ flex: '1 1 260px' }}
          size="small"
          options={data?.data ?? []}
          value={part}
          onChange={(_event, chosen) => setPart(chosen)}
          onInputChange={(_event, text, reason) => reason === 'input' && setInput(text)}
          getOptionLabel={(option) => `${option.partNumber} · ${option.name}`}
          isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
          // As in ServerSearchPicker: an older search's parts are offered only if they match what is typed.
          filterOptions={(all, state) =>
            input === search && !isFetching
              ? all
              : all.filter((option) => matchesTyped(`${option.partNumber} · ${option.name}`, state.inputValue))
          }
          loading={isFetching}
          renderOption={(props, option) => (
            <li {...props} key={option.id}>
              <span>
                {option.partNumber} · {option.name}
                <br />
                <small>{stockOf(option)}</small>
              </span>
            </li>
          )}
          renderInput={(params) => (
            <TextField {...params} label="Part" helperText={part ? stockOf(part) : ' '} error={invalid === 'Choose a part'} />
          )}
        />
        <TextField
          size="small"
          label="Quantity"
          type="number"
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { min: 1, step: 1 } }}
        />
        <Button variant="outlined" onClick={() => void send('reserve')} disabled={isLoading} sx={touchTarget}>
          Reserve
        </Button>
        <Button variant="contained" onClick={() => void send('issue')} disabled={isLoading} sx={touchTarget}>
          Issue
        </Button>
      </Box>
      {invalid && <Alert severity="error">{invalid}</Alert>}
      <ProblemAlert error={error} subject="part" />
      {last && !error && (
        <Alert severity="success" role="status">
          {last.line.status === 'RESERVED' ? 'Reserved' : 'Issued'} {last.line.quantity} × {last.line.partName}. Stock now:{' '}
          {last.partAvailable} available of {last.partOnHand} on hand.
        </Alert>
      )}
    </Box>
  );
}
