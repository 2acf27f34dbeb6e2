import { TableCell, TableRow } from '@mui/material';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PagedTable } from './PagedTable';

/** A screen `width` pixels wide, as MUI's media queries read it. */
function onScreenWidth(width: number) {
  vi.stubGlobal('matchMedia', (media: string) => {
    const max = /max-width:\s*([\d.]+)px/.exec(media);
    const min = /min-width:\s*([\d.]+)px/.exec(media);
    const matches = (!max || width <= Number(max[1])) && (!min || width >= Number(min[1]));
    return { matches, media, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} };
  });
}

function table(onPage = vi.fn()) {
  render(
    <PagedTable label="Technicians" head={<TableCell>Name</TableCell>} page={{ total: 45, page: 1, limit: 20 }} onPage={onPage}>
      <TableRow>
        <TableCell>Jan Neumann</TableCell>
      </TableRow>
    </PagedTable>,
  );
  return onPage;
}

describe('a paged table', () => {
  it('offers rows per page on a wide screen', () => {
    onScreenWidth(1280);
    table();
    expect(screen.getByRole('combobox', { name: /rows per page/i })).toBeInTheDocument();
  });

  it('leaves the rows-per-page select out on a phone, where it pushed the next-page arrow out of the card; paging still works', async () => {
    onScreenWidth(390);
    const onPage = table();
    expect(screen.queryByText(/rows per page/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /rows per page/i })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(onPage).toHaveBeenCalledWith(2, 20);
  });
});
