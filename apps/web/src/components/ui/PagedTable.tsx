import {
  Table,
  TableBody,
  TableContainer,
  TableHead,
  TablePagination,
  type TablePaginationProps,
  TableRow,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import type { ReactNode } from 'react';

/** Where a server page stands; `total` and `page` are absent when the server only pages by cursor. */
interface PageInfo {
  total?: number;
  page?: number;
  limit: number;
}

interface Props {
  /** The table's accessible name. */
  label: string;
  /** The header cells. */
  head: ReactNode;
  /** The body rows. */
  children: ReactNode;
  page: PageInfo;
  onPage: (page: number, limit: number) => void;
  rowsPerPageOptions?: number[];
  labelDisplayedRows?: TablePaginationProps['labelDisplayedRows'];
}

/**
 * One page of a server-paged list as a small table; paging (1-based, as the API counts) is asked
 * of the server. On a phone the rows-per-page select is left out (the page size stays): beside
 * the page arrows it pushed the next-page arrow out of the card.
 */
export function PagedTable({ label, head, children, page, onPage, rowsPerPageOptions = [10, 20, 50, 100], labelDisplayedRows }: Props) {
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>{head}</TableRow>
          </TableHead>
          <TableBody>{children}</TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={page.total ?? -1}
        page={(page.page ?? 1) - 1}
        rowsPerPage={page.limit}
        rowsPerPageOptions={phone ? [page.limit] : rowsPerPageOptions}
        onPageChange={(_event, index) => onPage(index + 1, page.limit)}
        onRowsPerPageChange={(event) => onPage(1, Number(event.target.value))}
        labelDisplayedRows={labelDisplayedRows}
      />
    </>
  );
}
