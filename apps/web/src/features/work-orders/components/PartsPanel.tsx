import type { PartLineStatus, WorkOrderPartLine } from '@msched/contracts';
import { Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { humanize } from '@/lib/format';
import { useUpdateWorkOrderPartMutation } from '../api/update-work-order-part';
import { AddPartForm } from './AddPartForm';

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
}

/** Parts reserved and issued for this work order; stock is checked by the server in the same transaction. */
export function PartsPanel({ workOrderId, lines, editable }: Props) {
  const [updateLine, { isLoading, error }] = useUpdateWorkOrderPartMutation();
  return (
    <Section title="Parts">
      {lines.length === 0 ? (
        <Typography color="text.secondary">No parts reserved or issued.</Typography>
      ) : (
        // On a phone the table scrolls sideways on its own; the page keeps the screen's width.
        <TableContainer>
          <Table size="small" aria-label="Parts for this work order">
            <TableHead>
              <TableRow>
                <TableCell>Part</TableCell>
                <TableCell align="right">Quantity</TableCell>
                <TableCell>Status</TableCell>
                {editable && <TableCell>Actions</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((line) => (
                <TableRow key={line.id}>
                  <TableCell>
                    {line.partNumber} · {line.partName}
                  </TableCell>
                  <TableCell align="right">{line.quantity}</TableCell>
                  <TableCell>{humanize(line.status)}</TableCell>
                  {editable && (
                    <TableCell>
                      {NEXT[line.status].map((next) => (
                        <Button
                          key={next.status}
                          size="small"
                          disabled={isLoading}
                          onClick={() => void updateLine({ workOrderId, lineId: line.id, version: line.version, status: next.status })}
                          aria-label={`${next.label} ${line.quantity} × ${line.partName}`}
                        >
                          {next.label}
                        </Button>
                      ))}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <ProblemAlert error={error} subject="part" />
      {editable && <AddPartForm workOrderId={workOrderId} />}
    </Section>
  );
}
