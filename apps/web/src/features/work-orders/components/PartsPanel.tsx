import type { PartLineStatus, WorkOrderPartLine } from '@msched/contracts';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { humanize } from '@/lib/format';
import { useUpdateWorkOrderPartMutation } from '../api/update-work-order-part';
import { AddPartForm } from './AddPartForm';
import { touchTarget } from '@/components/ui/touch-target';

const NEXT: Record<PartLineStatus, { status: 'ISSUED' | 'RELEASED' | 'RETURNED'; label: string }[]> = {
  RESERVED: [
    { status: 'ISSUED', label: 'Issue' },
    { status: 'RELEASED', label: 'Release' },
  ],
  ISSUED: [{ status: 'RETURNED', label: 'Return' }],
  RETURNED: [],
  RELEASED: [],
};

interface Props {
  workOrderId: string;
  lines: WorkOrderPartLine[];
  editable: boolean;
  /** After a 412: fetch the newest lines. */
  onReload: () => void;
}

/** Parts reserved and issued for this work order; stock is checked by the server in the same transaction. */
export function PartsPanel({ workOrderId, lines, editable, onReload }: Props) {
  const [updateLine, { isLoading, error, originalArgs, reset }] = useUpdateWorkOrderPartMutation();
  // On a phone each line is one cell, its actions under it: four columns left them cut off at the edge.
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  // The refusal is about the line as it was sent; once a newer version of it is shown, it is said.
  const sent = originalArgs && lines.find((line) => line.id === originalArgs.lineId);
  const refusal = sent && sent.version === originalArgs.version ? error : undefined;

  const actionsOf = (line: WorkOrderPartLine) =>
    NEXT[line.status].map((next) => (
      <Button
        key={next.status}
        size="small"
        sx={touchTarget}
        disabled={isLoading}
        onClick={() => void updateLine({ workOrderId, lineId: line.id, version: line.version, status: next.status })}
        aria-label={`${next.label} ${line.quantity} × ${line.partName}`}
      >
        {next.label}
      </Button>
    ));

  return (
    <Section title="Parts">
      {lines.length === 0 ? (
        <Typography color="text.secondary">No parts reserved or issued.</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Parts for this work order">
            <TableHead>
              <TableRow>
                <TableCell>Part</TableCell>
                {!phone && <TableCell align="right">Quantity</TableCell>}
                {!phone && <TableCell>Status</TableCell>}
                {editable && !phone && <TableCell>Actions</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((line) =>
                phone ? (
                  <TableRow key={line.id}>
                    <TableCell>
                      {line.quantity} × {line.partNumber} · {line.partName}
                      <Typography variant="body2" color="text.secondary">
                        {humanize(line.status)}
                      </Typography>
                      {editable && NEXT[line.status].length > 0 && (
                        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>{actionsOf(line)}</Box>
                      )}
                    </TableCell>
                  </TableRow>
                ) : (
                  <TableRow key={line.id}>
                    <TableCell>
                      {line.partNumber} · {line.partName}
                    </TableCell>
                    <TableCell align="right">{line.quantity}</TableCell>
                    <TableCell>{humanize(line.status)}</TableCell>
                    {editable && (
                      <TableCell>
                        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>{actionsOf(line)}</Box>
                      </TableCell>
                    )}
                  </TableRow>
                ),
              )}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <ProblemAlert error={refusal} subject="part" onReload={() => (reset(), onReload())} />
      {editable && <AddPartForm workOrderId={workOrderId} />}
    </Section>
  );
}
