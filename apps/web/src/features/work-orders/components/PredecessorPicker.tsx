import { UNDONE_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Autocomplete, Chip, TextField } from '@mui/material';
import { Fragment, useMemo, useState } from 'react';
import { matchesTyped } from '@/components/ui/ServerSearchPicker';
import { type FieldErrors, itemErrors } from '@/lib/form-errors';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useListWorkOrdersQuery } from '../api/list-work-orders';
import { type WorkOrderChoice, WorkOrderName, workOrderLabel } from './WorkOrderName';

// Only work not finished yet can hold anything back.
const UNDONE = [...UNDONE_WORK_ORDER_STATUSES];
const HINT = 'Work orders that must be finished before this one starts; search by number or title';

interface Props {
  value: string[];
  onChange: (predecessorIds: string[]) => void;
  /** The form's messages: `predecessorIds` for the list, `predecessorIds.N` for its Nth entry. */
  errors: FieldErrors;
  /** The work order being edited: it cannot wait for itself. */
  excludeId?: string;
}

/**
 * "Must wait for": work orders searched on the server as the user types, chosen ones shown as
 * chips with number and title (a stored work order holds only ids, so those name themselves).
 * The typed text is held here and changed only by typing (or cleared by a pick), as in the other
 * pickers: MUI resets it whenever the chosen list changes, which would wipe a search under way.
 */
export function PredecessorPicker({ value, onChange, errors, excludeId }: Props) {
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input, 300);
  const { data, isFetching } = useListWorkOrdersQuery({ page: 1, limit: 20, sort: 'dueDate', status: UNDONE, search: search || undefined });
  // What was picked here is remembered, so its chip is named without asking the server.
  const [picked, setPicked] = useState<ReadonlyMap<string, WorkOrderChoice>>(new Map());
  const options = useMemo<WorkOrderChoice[]>(() => (data?.data ?? []).filter((option) => option.id !== excludeId), [data, excludeId]);
  // Not rebuilt when search results arrive: the chosen list stays the same array until it changes.
  const chosen = useMemo(() => value.map((id) => picked.get(id) ?? { id, workOrderNumber: '', title: '' }), [value, picked]);
  const known = (option: WorkOrderChoice) => (option.workOrderNumber ? option : undefined);
  const problems = itemErrors(errors, 'predecessorIds');
  const failing = new Set(problems.map((problem) => problem.index));
  const message =
    problems.length > 0
      ? problems.map(({ index, message }) => {
          const entry = chosen[index];
          return (
            <Fragment key={index}>
              {entry ? <WorkOrderName id={entry.id} known={known(entry)} numberOnly /> : `Entry ${index + 1}`}: {message}.{' '}
            </Fragment>
          );
        })
      : errors.predecessorIds;

  return (
    <Autocomplete
      multiple
      options={options}
      value={chosen}
      onChange={(_event, selected, reason) => {
        setPicked(new Map([...picked, ...selected.filter((option) => known(option)).map((option) => [option.id, option] as const)]));
        onChange(selected.map((option) => option.id));
        // A pick (or clearing all) ends the search; removing a chip leaves it as typed.
        if (reason !== 'removeOption') setInput('');
      }}
      inputValue={input}
      onInputChange={(_event, text, reason) => reason === 'input' && setInput(text)}
      getOptionLabel={(option) => (known(option) ? workOrderLabel(option) : option.id)}
      isOptionEqualToValue={(option, selected) => option.id === selected.id}
      // As in ServerSearchPicker: an older search's work orders are offered only if they match what is typed.
      filterOptions={(all, state) =>
        input === search && !isFetching ? all : all.filter((option) => matchesTyped(workOrderLabel(option), state.inputValue))
      }
      filterSelectedOptions
      loading={isFetching}
      renderValue={(selected, getItemProps) =>
        selected.map((option, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return (
            <Chip
              key={key}
              size="small"
              color={failing.has(index) ? 'error' : 'default'}
              label={<WorkOrderName id={option.id} known={known(option)} />}
              {...itemProps}
            />
          );
        })
      }
      renderInput={(params) => <TextField {...params} label="Must wait for" error={Boolean(message)} helperText={message ?? HINT} />}
    />
  );
}
