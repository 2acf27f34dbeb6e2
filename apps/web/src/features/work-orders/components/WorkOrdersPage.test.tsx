import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type FakeApi, fakeApi, json } from '@/test/fake-api';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
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
