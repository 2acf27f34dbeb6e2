import type { FleetPage } from '@msched/contracts';
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { anomalyLevel, formatProbability, formatRul, predictiveWorkOrdersPath } from '../utils/health-format';
import { ConfidenceBadge } from './ConfidenceBadge';
import { RiskChip } from './RiskChip';
import { RulIntervalBar } from './RulIntervalBar';

interface Props {
  page: FleetPage;
  onPage: (page: number, limit: number) => void;
}

const phoneHidden = { display: { xs: 'none', sm: 'table-cell' } };
const narrowHidden = { display: { xs: 'none', md: 'table-cell' } };

/** One page of the fleet in the server's order (risk, highest first); RUL bars share one scale so they compare. */
export function FleetTable({ page, onPage }: Props) {
  const scale = Math.max(...page.data.map((item) => item.rul?.upper ?? 0), 1) * 1.05;
  const firstRank = (page.page - 1) * page.limit + 1;
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label="Equipment ranked by risk">
          <TableHead>
            <TableRow>
              <TableCell sx={phoneHidden}>Rank</TableCell>
              <TableCell>Equipment</TableCell>
              <TableCell>Risk</TableCell>
              <TableCell sx={phoneHidden}>Remaining life</TableCell>
              <TableCell sx={narrowHidden}>Failure probability</TableCell>
              <TableCell sx={narrowHidden}>Confidence</TableCell>
              <TableCell sx={narrowHidden}>Anomaly</TableCell>
              <TableCell sx={phoneHidden}>Work orders</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.data.map((item, index) => (
              <TableRow key={item.equipmentId} hover data-testid="fleet-row">
                <TableCell sx={phoneHidden}>{firstRank + index}</TableCell>
                <TableCell sx={{ minWidth: { sm: 160 } }}>
                  <Link component={RouterLink} to={`/predictive/equipment/${item.equipmentId}`}>
                    {item.equipment.equipmentNumber} · {item.equipment.name}
                  </Link>
                  <Typography variant="body2" color="text.secondary">
                    {item.equipment.type} · criticality {item.equipment.criticality}
                  </Typography>
                </TableCell>
                <TableCell>
                  <RiskChip risk={item.risk} />
                </TableCell>
                <TableCell sx={phoneHidden}>
                  {item.rul ? (
                    <>
                      <Typography variant="body2">{formatRul(item.rul)}</Typography>
                      <RulIntervalBar rul={item.rul} max={scale} compact />
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell sx={{ ...narrowHidden, whiteSpace: 'nowrap' }}>
                  {item.failureProbability
                    ? `${formatProbability(item.failureProbability.probability)} in ${item.failureProbability.horizonDays} d`
                    : '—'}
                </TableCell>
                <TableCell sx={narrowHidden}>
                  <ConfidenceBadge confidence={item.confidence} compact />
                </TableCell>
                <TableCell sx={narrowHidden}>
                  {item.anomalyScore === null ? '—' : `${Math.round(item.anomalyScore)} · ${anomalyLevel(item.anomalyScore).label}`}
                </TableCell>
                <TableCell sx={{ ...phoneHidden, whiteSpace: 'nowrap' }}>
                  {item.predictiveWorkOrderId ? (
                    <Link component={RouterLink} to={`/work-orders/${item.predictiveWorkOrderId}`}>
                      Predictive work order
                    </Link>
                  ) : (
                    <Link component={RouterLink} to={predictiveWorkOrdersPath(item.equipmentId)} color="text.secondary">
                      All of its work orders
                    </Link>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={page.total}
        page={page.page - 1}
        rowsPerPage={page.limit}
        rowsPerPageOptions={[10, 20, 50, 100]}
        onPageChange={(_event, pageIndex) => onPage(pageIndex + 1, page.limit)}
        onRowsPerPageChange={(event) => onPage(1, Number(event.target.value))}
      />
    </>
  );
}
