import TableChartIcon from '@mui/icons-material/TableChartOutlined';
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { type ReactNode, useId, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Section } from '@/components/ui/Section';

export interface ChartTable {
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

interface Props {
  title: string;
  /** The figure in one sentence: what a screen reader announces instead of the drawing. */
  summary: string;
  /** The list behind the chart. */
  link: { to: string; label: string };
  table: ChartTable;
  children: ReactNode;
}

/** A chart with its list link and a one-sentence summary (its text alternative), and the same figures as a table on demand. */
export function ChartCard({ title, summary, link, table, children }: Props) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const summaryId = useId();
  return (
    <Section
      title={title}
      actions={
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button
            size="small"
            startIcon={<TableChartIcon />}
            aria-expanded={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? 'Hide table' : 'Table'}
          </Button>
          <Button size="small" component={RouterLink} to={link.to}>
            {link.label}
          </Button>
        </Box>
      }
    >
      <Typography id={summaryId} variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {summary}
      </Typography>
      <Box role="img" aria-labelledby={summaryId} sx={{ width: '100%' }}>
        {children}
      </Box>
      <Box id={tableId} hidden={!showTable} sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              {table.columns.map((column) => (
                <TableCell key={column}>{column}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row) => (
              <TableRow key={row.key}>
                {row.cells.map((cell, index) => (
                  <TableCell key={table.columns[index]}>{cell}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Section>
  );
}
