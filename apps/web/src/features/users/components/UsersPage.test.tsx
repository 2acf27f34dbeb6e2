import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type FakeApi, fakeApi, json } from '@/test/fake-api';
import { TECHNICIAN_ID, technician, userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { account, usersPage } from '../testing/user-fixtures';
import { UsersPage } from './UsersPage';

const rita = account();
const jan = account({ name: 'Jan Neumann', email: 'jan@example.com', roles: ['technician'], technicianId: TECHNICIAN_ID });
const olaf = account({ name: 'Olaf Berg', email: 'olaf@example.com', roles: ['requester', 'manager'], active: false });

/** A phone 390 px wide, as far as the app's media queries (MUI's useMediaQuery) can tell. */
const lastList = (api: FakeApi) => Object.fromEntries(api.calls('GET', '/users').at(-1)!.url.searchParams);

describe('the user list', () => {
  it('shows each account with its email, roles, status and linked technician, and opens it from its name', async () => {
    fakeApi()
      .on('GET', '/users', () => json(usersPage([rita, jan, olaf])))
      .on('GET', '/technicians/:id', () => json(technician()));
    renderScreen(<UsersPage />, { path: '/users', user: userWith('admin') });

    expect(await screen.findByRole('link', { name: 'Jan Neumann' })).toHaveAttribute('href', `/users/${jan.id}`);
    const table = screen.getByRole('table', { name: 'Users' });
    const row = (name: string) => within(table).getByRole('link', { name }).closest('tr')!;
    expect(row('Jan Neumann')).toHaveTextContent('jan@example.com');
    expect(await within(row('Jan Neumann')).findByText('Jan Neumann (T-004)')).toBeInTheDocument();
    // Roles in one order whatever the server sent, and the status in words.
    expect(
      within(row('Olaf Berg'))
        .getAllByText(/^(Manager|Requester)$/)
        .map((chip) => chip.textContent),
    ).toEqual(['Manager', 'Requester']);
    expect(within(row('Olaf Berg')).getByText('Inactive')).toBeInTheDocument();
    expect(within(row('Rita Weber')).getByText('Active')).toBeInTheDocument();
    expect(within(row('Rita Weber')).getByText('—')).toBeInTheDocument();
    expect(screen.getByText('3 matching')).toBeInTheDocument();
  });

  it('asks the server for the name or email typed, and for the next page', async () => {
    const api = fakeApi().on('GET', '/users', ({ url }) =>
      json(usersPage([rita], { total: 45, page: Number(url.searchParams.get('page') ?? 1) })),
    );
    const { router } = renderScreen(<UsersPage />, { path: '/users', user: userWith('admin') });
    await screen.findByRole('link', { name: 'Rita Weber' });
    expect(lastList(api)).toEqual({ page: '1', limit: '20' });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'weber');
    await waitFor(() => expect(lastList(api)).toEqual({ page: '1', limit: '20', search: 'weber' }));
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(lastList(api)).toEqual({ page: '2', limit: '20', search: 'weber' }));
    expect(router.state.location.search).toBe('?search=weber&page=2');
  });

  it('offers a new account from the header', async () => {
    fakeApi().on('GET', '/users', () => json(usersPage([])));
    renderScreen(<UsersPage />, { path: '/users', user: userWith('admin') });
    expect(await screen.findByText('No users match')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New user' })).toHaveAttribute('href', '/users/new');
  });

  it('tells anyone but an admin that accounts are for administrators, and asks the server nothing', async () => {
    const api = fakeApi();
    renderScreen(<UsersPage />, { path: '/users', user: userWith('manager') });
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument();
    expect(screen.getByText(/User accounts are managed by administrators/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });
});
