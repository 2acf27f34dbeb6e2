import { Alert, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField } from '@mui/material';
import type { Location, SiteTravelTimesState } from '@msched/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { EditConflictAlerts } from '@/components/ui/EditConflictAlerts';
import { FormActions } from '@/components/ui/FormActions';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RoleGate } from '@/components/ui/RoleGate';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import { type FieldErrors, problemFieldErrors } from '@/lib/form-errors';
import { useAppDispatch } from '@/lib/store';
import { toastShown } from '@/lib/toasts';
import { useRebasedForm } from '@/lib/use-rebased-form';
import { useListLocationTreeQuery } from '../api/list-locations';
import { useGetTravelTimesQuery, useReplaceTravelTimesMutation } from '../api/travel-times';
import { canEditTravelTimes } from '../utils/permissions';
import { type SitePair, errorsByPair, sitePairs, travelTimesFormValues, validateTravelTimes } from '../utils/travel-times-form';

const TITLE = 'Travel times';

/**
 * The minutes a technician needs from one site to another, which the optimizer plans around:
 * planners, managers and admins set them (the roles that may change locations).
 */
export function TravelTimesPage() {
  const user = useCurrentUser();
  return (
    <RoleGate
      allowed={canEditTravelTimes(user)}
      title={TITLE}
      reason="Planners, managers and administrators set the travel times between sites."
    >
      <TravelTimes />
    </RoleGate>
  );
}

function TravelTimes() {
  const travel = useGetTravelTimesQuery();
  const locations = useListLocationTreeQuery();
  if (!travel.data || !locations.data) {
    const failed = travel.error ? travel : locations.error ? locations : null;
    return (
      <>
        <PageHeader title={TITLE} />
        {failed ? <ProblemAlert error={failed.error} subject="set of travel times" onReload={failed.refetch} /> : <LoadingBlock />}
      </>
    );
  }
  return <TravelTimesForm latest={travel.data} locations={locations.data} refetch={travel.refetch} />;
}

function TravelTimesForm({
  latest,
  locations,
  refetch,
}: {
  latest: SiteTravelTimesState;
  locations: Location[];
  refetch: () => Promise<{ data?: SiteTravelTimesState }>;
}) {
  const pairs = useMemo(() => sitePairs(locations), [locations]);
  // Stable while the sites are: the form starts from the version read once, not on every render.
  const toForm = useMemo(() => travelTimesFormValues(pairs), [pairs]);
  const [replace, { isLoading, error, reset }] = useReplaceTravelTimesMutation();
  const { base, values, setValues, moveTo, rebase } = useRebasedForm(latest, toForm, refetch, reset);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState<string[]>([]);
  const dispatch = useAppDispatch();

  const subtitle =
    'Minutes from one site to the other, either way. The optimizer plans this travel between jobs at different sites; a pair left empty costs nothing.';
  if (pairs.length === 0) {
    return (
      <>
        <PageHeader title={TITLE} subtitle={subtitle} />
        <Alert severity="info">Travel times are between sites: your organization needs two sites or more to have any.</Alert>
      </>
    );
  }
  if (!base || !values) return <LoadingBlock />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validateTravelTimes(values, pairs);
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    setSent(checked.sent);
    const result = await replace({ version: base.version, body: checked.body });
    if (!result.data) return focusFirstInvalid(form);
    moveTo(result.data, false);
    dispatch(toastShown({ message: 'Travel times saved.', severity: 'success' }));
  };

  const messages = { ...errorsByPair(problemFieldErrors(error), sent), ...errors };
  const changedMeanwhile = latest.version > base.version && !error;
  return (
    <>
      <PageHeader title={TITLE} subtitle={subtitle} />
      <Paper variant="outlined" component="form" noValidate onSubmit={submit} aria-label="Travel times" sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={3}>
          <EditConflictAlerts
            changedMeanwhile={changedMeanwhile}
            error={error}
            subject="set of travel times"
            rebase={rebase}
            fieldsShown={false}
          />
          {messages.travelTimes && <Alert severity="error">{messages.travelTimes}</Alert>}
          <TableContainer>
            <Table size="small" aria-label="Minutes between each pair of sites">
              <TableHead>
                <TableRow>
                  <TableCell>From</TableCell>
                  <TableCell>To</TableCell>
                  <TableCell sx={{ width: '11rem' }}>Minutes</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {pairs.map((pair) => (
                  <PairRow
                    key={pair.key}
                    pair={pair}
                    value={values[pair.key] ?? ''}
                    error={messages[pair.key]}
                    onChange={(text) => setValues({ ...values, [pair.key]: text })}
                  />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <FormActions label="Save travel times" busyLabel="Saving…" busy={isLoading} cancel={() => void rebase(false)} />
        </Stack>
      </Paper>
    </>
  );
}

/** Long site names wrap, even within a word, rather than squeeze the minutes off a phone's screen. */
const NAME_CELL = { overflowWrap: 'anywhere' } as const;

function PairRow({ pair, value, error, onChange }: { pair: SitePair; value: string; error?: string; onChange: (text: string) => void }) {
  return (
    <TableRow>
      <TableCell sx={NAME_CELL}>{pair.from.name}</TableCell>
      <TableCell sx={NAME_CELL}>{pair.to.name}</TableCell>
      <TableCell>
        <TextField
          size="small"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          error={Boolean(error)}
          helperText={error}
          placeholder="none"
          sx={{ minWidth: '5.5rem' }}
          slotProps={{
            htmlInput: {
              'aria-label': `Minutes between ${pair.from.name} and ${pair.to.name}`,
              inputMode: 'numeric',
              'aria-invalid': Boolean(error),
            },
          }}
        />
      </TableCell>
    </TableRow>
  );
}
