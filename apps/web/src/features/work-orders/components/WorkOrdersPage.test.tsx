import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDate, formatTime } from '@/lib/format';
import { type FakeApi, fakeApi, json, problem } from '@/test/fake-api';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
import type { WorkOrder } from '@msched/contracts';
import { renderScreen } from '@/test/render';
import { WorkOrdersPage } from './WorkOrdersPage';

function api(): FakeApi {
  return fakeApi()
    .on('GET', '/work-orders', () => json(pageOf([workOrder({ title: 'Seal leaking' })])))
    .on('GET', '/technicians', () => json({ data: [], total: 0, page: 1, limit: 100 }))
    .on('GET', '/equipment', () => json({ data: [], total: 0, page: 1, limit: 20 }));
}

const listCalls = (fake: FakeApi) => fake.calls('GET', '/work-orders').map((request) => request.url.searchParams);

async function openFilters() {
  // Phones (and jsdom, which has no media queries) show the filters behind a button.
  await userEvent.click(screen.getByRole('button', { name: 'Filters' }));
}

async function choose(label: string, ...options: string[]) {
  await userEvent.click(screen.getByRole('combobox', { name: label }));
  const listbox = await screen.findByRole('listbox');
  for (const option of options) await userEvent.click(within(listbox).getByRole('option', { name: option }));
  await userEvent.keyboard('{Escape}');
}

describe('the work-order list asks the server for exactly what the filters say', () => {
  it('starts with the first page sorted by due date, with names included', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', user: userWith('planner') });
    expect(await screen.findByText('Seal leaking')).toBeInTheDocument();
    expect(Object.fromEntries(listCalls(fake)[0]!)).toEqual({ page: '1', limit: '20', sort: 'dueDate', include: 'technician,equipment' });
  });

  it('sends status and priority lists, date ranges as instants, and restarts at page 1', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', url: '/work-orders?page=3', user: userWith('planner') });
    await screen.findByText('Seal leaking');
    expect(listCalls(fake)[0]!.get('page')).toBe('3');
    await openFilters();
    await choose('Status', 'Open', 'In progress');
    await choose('Priority', 'Critical');
    await userEvent.type(screen.getByLabelText('Due from'), '2026-12-01');
    await userEvent.type(screen.getByLabelText('Due to'), '2026-12-31');

    await waitFor(() => expect(listCalls(fake).at(-1)!.get('dueDateTo')).not.toBeNull());
    const last = listCalls(fake).at(-1)!;
    expect(last.get('status')).toBe('OPEN,IN_PROGRESS');
    expect(last.get('priority')).toBe('CRITICAL');
    expect(last.get('page')).toBe('1');
    // Local days: from the start of the first to the end of the last.
    expect(last.get('dueDateFrom')).toBe(new Date(2026, 11, 1).toISOString());
    expect(last.get('dueDateTo')).toBe(new Date(2026, 11, 31, 23, 59, 59, 999).toISOString());
  });

  it('waits until typing pauses (300 ms) and then searches once', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', user: userWith('planner') });
    await screen.findByText('Seal leaking');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'pump seal');
    await waitFor(() => expect(listCalls(fake).some((params) => params.get('search') === 'pump seal')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(
      listCalls(fake)
        .filter((params) => params.has('search'))
        .map((params) => params.get('search')),
    ).toEqual(['pump seal']);
  });

  it('sorts on the server when a column header is clicked, descending on the second click', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', user: userWith('planner') });
    await screen.findByText('Seal leaking');
    await userEvent.click(screen.getByRole('button', { name: 'Priority' }));
    await waitFor(() => expect(listCalls(fake).at(-1)!.get('sort')).toBe('priority'));
    await userEvent.click(screen.getByRole('button', { name: 'Priority' }));
    await waitFor(() => expect(listCalls(fake).at(-1)!.get('sort')).toBe('-priority'));
  });

  it('keeps saved views per user in this browser and applies them', async () => {
    const fake = api();
    const { router } = renderScreen(<WorkOrdersPage />, {
      path: '/work-orders',
      url: '/work-orders?status=ON_HOLD&sort=-updatedAt',
      user: userWith('planner'),
    });
    await screen.findByText('Seal leaking');
    expect(screen.getByText('Saved in this browser, for your account only')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save view' }));
    await userEvent.type(screen.getByRole('textbox', { name: /name/i }), 'Waiting for parts');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(JSON.parse(localStorage.getItem(`msched.workOrderViews.${userWith('planner').id}`)!)).toEqual([
      { name: 'Waiting for parts', query: 'status=ON_HOLD&sort=-updatedAt' },
    ]);

    await userEvent.click(screen.getByRole('combobox', { name: 'Saved view' }));
    await userEvent.click(await screen.findByRole('option', { name: 'All work orders' }));
    await waitFor(() => expect(listCalls(fake).at(-1)!.has('status')).toBe(false));
    await userEvent.click(screen.getByRole('combobox', { name: 'Saved view' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Waiting for parts' }));
    // The same query as at first: answered from the cache, so the URL tells what is shown.
    await waitFor(() => expect(router.state.location.search).toBe('?status=ON_HOLD&sort=-updatedAt'));
    expect(screen.getByRole('combobox', { name: 'Saved view' })).toHaveTextContent('Waiting for parts');
  });
});

describe('the list after a failed request', () => {
  it('shows neither the rows nor the count of earlier filters beside the error', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', user: userWith('planner') });
    await screen.findByText('Seal leaking');
    expect(screen.getByText('1 matching')).toBeInTheDocument();
    fake.on('GET', '/work-orders', () => Promise.reject(new TypeError('Failed to fetch')));
    await openFilters();
    await choose('Priority', 'Critical');

    expect(await screen.findByText(/Can't reach the server/)).toBeInTheDocument();
    expect(screen.queryByText('Seal leaking')).not.toBeInTheDocument();
    expect(screen.queryByText('1 matching')).not.toBeInTheDocument();
  });

  it('sends no due range that ends before it starts, and says so in the words of the filters', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', user: userWith('planner') });
    await screen.findByText('Seal leaking');
    await openFilters();
    await userEvent.type(screen.getByLabelText('Due from'), '2026-12-31');
    await userEvent.type(screen.getByLabelText('Due to'), '2026-12-01');

    expect(await screen.findByRole('alert')).toHaveTextContent('Due to must not be before Due from');
    expect(screen.getByLabelText('Due to')).toHaveAccessibleDescription('Due to must not be before Due from');
    expect(screen.queryByText('Seal leaking')).not.toBeInTheDocument();
    expect(screen.queryByText('1 matching')).not.toBeInTheDocument();
    expect(listCalls(fake).some((params) => params.has('dueDateTo'))).toBe(false);
  });

  it("names the filters, not the API's parameters, when the server refuses them", async () => {
    fakeApi()
      .on('GET', '/work-orders', () =>
        problem(400, { title: 'Invalid input', errors: [{ path: 'dueDateTo', message: 'must not be before dueDateFrom' }] }),
      )
      .on('GET', '/equipment', () => json({ data: [], total: 0, page: 1, limit: 20 }));
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', url: '/work-orders?dueTo=2026-12-01T10:00', user: userWith('planner') });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Due to must not be before Due from\./);
    expect(alert).not.toHaveTextContent(/dueDate/);
  });
});

const rowsOf = (count: number, from = 1): WorkOrder[] =>
  Array.from({ length: count }, (_, index) => workOrder({ title: `Job ${from + index}` }));

describe('a page past the end of the list', () => {
  it('goes to the last page, with the pager, rather than saying nothing matches', async () => {
    const fake = api().on('GET', '/work-orders', ({ url }) => {
      const page = Number(url.searchParams.get('page'));
      return json(pageOf(page === 28 ? rowsOf(6, 541) : [], { page, total: 546 }));
    });
    const { router } = renderScreen(<WorkOrdersPage />, { path: '/work-orders', url: '/work-orders?page=999', user: userWith('planner') });

    expect(await screen.findByText('Job 546')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=28');
    expect(screen.getByText('541–546 of 546')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /previous page/i })).toBeEnabled();
    expect(screen.queryByText('No work orders match')).not.toBeInTheDocument();
    expect(listCalls(fake).map((params) => params.get('page'))).toEqual(['999', '28']);
  });

  it('is never where a saved view reopens: views keep filters and sort, not the page', async () => {
    const fake = api();
    localStorage.setItem(
      `msched.workOrderViews.${userWith('planner').id}`,
      JSON.stringify([{ name: 'Old view', query: 'status=OPEN&page=999' }]),
    );
    const { router } = renderScreen(<WorkOrdersPage />, {
      path: '/work-orders',
      url: '/work-orders?status=ON_HOLD&page=3',
      user: userWith('planner'),
    });
    await screen.findByText('Seal leaking');
    await userEvent.click(screen.getByRole('button', { name: 'Save view' }));
    await userEvent.type(screen.getByRole('textbox', { name: /name/i }), 'Waiting for parts');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(JSON.parse(localStorage.getItem(`msched.workOrderViews.${userWith('planner').id}`)!)).toContainEqual({
      name: 'Waiting for parts',
      query: 'status=ON_HOLD',
    });
    // Still the chosen view while paging through it.
    expect(screen.getByRole('combobox', { name: 'Saved view' })).toHaveTextContent('Waiting for parts');

    await userEvent.click(screen.getByRole('combobox', { name: 'Saved view' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Old view' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=OPEN'));
    await waitFor(() => expect(listCalls(fake).at(-1)!.get('page')).toBe('1'));
  });
});

describe('the list on a phone', () => {
  it('counts the active filters on the Filters button while the panel is folded', async () => {
    api();
    renderScreen(<WorkOrdersPage />, {
      path: '/work-orders',
      url: '/work-orders?status=OPEN&priority=HIGH,CRITICAL',
      user: userWith('planner'),
    });
    await screen.findByText('Seal leaking');
    const button = screen.getByRole('button', { name: 'Filters (2)' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    // A thumb-sized target.
    expect(getComputedStyle(button).minHeight).toBe('44px');
  });

  it('sorts with a select, as the sortable columns are hidden there', async () => {
    const fake = api();
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', url: '/work-orders?page=2', user: userWith('planner') });
    await screen.findByText('Seal leaking');
    await userEvent.click(screen.getByRole('combobox', { name: 'Sort by' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Priority, highest first' }));
    await waitFor(() => expect(listCalls(fake).at(-1)!.get('sort')).toBe('-priority'));
    expect(listCalls(fake).at(-1)!.get('page')).toBe('1');
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveTextContent('Priority, highest first');
  });
});

describe('the table on a 1280 px screen beside the drawer', () => {
  it('pads its cells narrowly and puts the time of Updated under its date, so all columns fit', async () => {
    fakeApi()
      .on('GET', '/work-orders', () => json(pageOf([workOrder({ title: 'Seal leaking', updatedAt: '2026-11-29T12:05:00.000Z' })])))
      .on('GET', '/equipment', () => json({ data: [], total: 0, page: 1, limit: 20 }));
    renderScreen(<WorkOrdersPage />, { path: '/work-orders', user: userWith('planner') });
    const row = (await screen.findAllByTestId('work-order-row'))[0]!;
    const cells = within(row).getAllByRole('cell');
    for (const cell of cells) expect(getComputedStyle(cell).paddingLeft).toBe('8px');
    const updated = cells.at(-1)!;
    expect(updated.querySelector('br')).not.toBeNull();
    expect(updated).toHaveTextContent(formatDate('2026-11-29T12:05:00.000Z') + formatTime('2026-11-29T12:05:00.000Z'));
  });
});
