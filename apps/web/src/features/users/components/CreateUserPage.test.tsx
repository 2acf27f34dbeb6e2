import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, technician, userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { account } from '../testing/user-fixtures';
import { CreateUserPage } from './CreateUserPage';

const PASSWORD = 'correct-horse-battery';

function api() {
  return fakeApi()
    .on('GET', '/technicians', () => json({ data: [technician()], total: 1, page: 1, limit: 20 }))
    .on('GET', '/technicians/:id', () => json(technician()))
    .on('POST', '/users', ({ body }) => json(account({ ...(body as object), version: 1 }), 201));
}

const form = () => screen.getByRole('form', { name: 'New user' });
const create = () => userEvent.click(screen.getByRole('button', { name: 'Create user' }));

async function fillIn({ email = 'ada@example.com' } = {}) {
  await userEvent.type(screen.getByLabelText(/^Name/), 'Ada Lovelace');
  await userEvent.type(screen.getByLabelText(/^Email/), email);
  await userEvent.type(screen.getByLabelText(/^Password/), PASSWORD);
  await userEvent.click(screen.getByRole('checkbox', { name: /^Planner/ }));
}

describe('creating a user', () => {
  it("shows the contract's messages beside the fields and sends nothing while they stand", async () => {
    const fake = api();
    renderScreen(<CreateUserPage />, { path: '/users/new', user: userWith('admin') });
    await userEvent.type(screen.getByLabelText(/^Email/), 'ada@');
    await userEvent.type(screen.getByLabelText(/^Password/), 'short');
    await create();

    const name = screen.getByLabelText(/^Name/);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('must not be empty');
    expect(screen.getByLabelText(/^Email/)).toHaveAccessibleDescription('Invalid email address');
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription('must be at least 12 characters');
    // The message about the roles is read with every box of the group.
    expect(screen.getByRole('checkbox', { name: /^Admin/ })).toHaveAccessibleDescription('Choose at least one role');
    expect(within(form()).getAllByRole('alert')[0]).toHaveTextContent('Some fields need attention.');
    expect(fake.calls('POST', '/users')).toHaveLength(0);
    await waitFor(() => expect(name).toHaveFocus());
  });

  it('sends the account as the contract takes it, once, with an idempotency key, and returns to the list', async () => {
    const fake = api();
    const { router, store } = renderScreen(<CreateUserPage />, { path: '/users/new', user: userWith('admin') });
    await fillIn({ email: '  Ada@Example.COM ' });
    await userEvent.click(screen.getByRole('checkbox', { name: /^Technician/ }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Linked technician' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Jan Neumann (T-004)' }));
    await create();

    await waitFor(() => expect(router.state.location.pathname).toBe('/users'));
    const [sent] = fake.calls('POST', '/users');
    expect(sent!.body).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: PASSWORD,
      roles: ['planner', 'technician'],
      technicianId: TECHNICIAN_ID,
    });
    expect(sent!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.getState().toasts.queue[0]).toMatchObject({ severity: 'success', message: expect.stringContaining('Ada Lovelace') });
  });

  it("shows the server's refusal of a field on that field", async () => {
    const fake = api().on('POST', '/users', () =>
      problem(400, { title: 'Invalid input', errors: [{ path: 'technicianId', message: 'no such technician in your organization' }] }),
    );
    renderScreen(<CreateUserPage />, { path: '/users/new', user: userWith('admin') });
    await fillIn();
    await userEvent.click(screen.getByRole('combobox', { name: 'Linked technician' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Jan Neumann (T-004)' }));
    await create();

    const picker = screen.getByRole('combobox', { name: 'Linked technician' });
    await waitFor(() => expect(picker).toHaveAccessibleDescription('no such technician in your organization'));
    expect(picker).toHaveAttribute('aria-invalid', 'true');
    expect(within(form()).getByRole('alert')).toHaveTextContent('Some fields need attention.');
    expect(fake.calls('POST', '/users')).toHaveLength(1);
  });

  it('says so on the email field when another account already uses the email', async () => {
    api().on('POST', '/users', () =>
      problem(409, { title: 'Already exists', code: 'duplicate', detail: 'A user with email ada@example.com already exists' }),
    );
    const { router } = renderScreen(<CreateUserPage />, { path: '/users/new', user: userWith('admin') });
    await fillIn();
    await create();

    const email = screen.getByLabelText(/^Email/);
    await waitFor(() => expect(email).toHaveAccessibleDescription('Another account already uses this email'));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(form()).getByRole('alert')).toHaveTextContent('A user with email ada@example.com already exists');
    expect(router.state.location.pathname).toBe('/users/new');
    await waitFor(() => expect(email).toHaveFocus());
  });

  it('puts a duplicate on the field the server names: a technician already linked to another account', async () => {
    api().on('POST', '/users', () =>
      problem(409, {
        title: 'Already exists',
        code: 'duplicate',
        detail: 'That technician is already linked to another account: unlink it there first',
        errors: [{ path: 'technicianId', message: 'already linked to another account' }],
      }),
    );
    renderScreen(<CreateUserPage />, { path: '/users/new', user: userWith('admin') });
    await fillIn();
    await create();

    const picker = screen.getByRole('combobox', { name: 'Linked technician' });
    await waitFor(() => expect(picker).toHaveAccessibleDescription('already linked to another account'));
    expect(screen.getByLabelText(/^Email/)).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('is not offered to anyone but an admin', () => {
    fakeApi();
    renderScreen(<CreateUserPage />, { path: '/users/new', user: userWith('planner') });
    expect(screen.queryByRole('form', { name: 'New user' })).not.toBeInTheDocument();
    expect(screen.getByText(/User accounts are managed by administrators/)).toBeInTheDocument();
  });
});
