import type { PredictiveModelPage } from '@msched/contracts';
import { Chip, TableCell, TableRow, Typography } from '@mui/material';
import { PagedTable } from '@/components/ui/PagedTable';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { formatDateTime } from '@/lib/format';

const STATUS_COLOR = { READY: 'success', TRAINING: 'info', FAILED: 'error' } as const;

const METRIC_NAMES: Record<string, string> = {
  mae: 'MAE',
  rmse: 'RMSE',
  phm08Score: 'PHM08 score',
  intervalCoverage: 'interval coverage',
  units: 'test units',
};

const metricValue = (name: string, value: number) =>
  name === 'intervalCoverage'
    ? `${Math.round(value * 100)} %`
    : String(Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10);

/** "MAE 24.6 · RMSE 30.5 · interval coverage 92 %": the held-out evaluation, in the words of the field. */
export const evaluationText = (evaluation: Record<string, number> | null) =>
  evaluation
    ? Object.entries(evaluation)
        .map(([name, value]) => `${METRIC_NAMES[name] ?? name} ${metricValue(name, value)}`)
        .join(' · ')
    : '—';

interface Props {
  page: PredictiveModelPage;
  onPage: (page: number, limit: number) => void;
}

/** Model versions, newest first, with status, evaluation and the sensors they read. */
export function ModelsTable({ page, onPage }: Props) {
  return (
    <PagedTable
      label="Model versions"
      page={page}
      onPage={onPage}
      rowsPerPageOptions={[10, 20, 50]}
      head={
        <>
          <TableCell>Equipment type</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Status</TableCell>
          <TableCell sx={phoneHidden}>Held-out evaluation</TableCell>
          <TableCell sx={phoneHidden}>Trained</TableCell>
        </>
      }
    >
      {page.data.map((model) => (
        <TableRow key={model.id}>
          <TableCell>{model.equipmentType}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            v{model.version}
            {model.active && <Chip size="small" color="primary" label="Active" sx={{ ml: 1 }} />}
          </TableCell>
          <TableCell>
            <Chip size="small" variant="outlined" color={STATUS_COLOR[model.status]} label={model.status.toLowerCase()} />
            {model.error && (
              <Typography variant="body2" color="error">
                {model.error}
              </Typography>
            )}
          </TableCell>
          <TableCell sx={phoneHidden}>
            <Typography variant="body2">{evaluationText(model.evaluation)}</Typography>
            <Typography variant="caption" color="text.secondary">
              Sensors: {model.sensors.join(', ') || '—'}
            </Typography>
          </TableCell>
          <TableCell sx={{ ...phoneHidden, whiteSpace: 'nowrap' }}>{formatDateTime(model.trainedAt)}</TableCell>
        </TableRow>
      ))}
    </PagedTable>
  );
}
