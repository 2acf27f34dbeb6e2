import type { AuthUser, User } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, technician, userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { account } from '../testing/user-fixtures';
import { EditUserPage } from './EditUserPage';

function setup(overrides: Partial<User> = {}, me: (user: User) => AuthUser = () => userWith('admin')) {
  let current = account({ name: 'Olaf Berg', email: 'olaf@example.com', roles: ['requester'], version: 3, ...overrides });
  const api = fakeApi()
    .on('GET', '/users/:id', () => json(current))
    .on('GET', '/technicians', () => json({ data: [technician()], total: 1, page: 1, limit: 20 }))
    .on('GET', '/technicians/:id', () => json(technician()))
    .on('PATCH', '/users/:id', ({ headers, body }) =>
      headers.get('if-match') === `"${current.version}"`
        ? json({ ...current, ...(body as object), version: current.version + 1 })
        : problem(412, { code: 'precondition_failed' }),
    );
  const someoneElseSaves = () => {
    current = { ...current, name: 'Olaf B. Berg', roles: ['requester', 'planner'], version: 4 };
  };
  const view = renderScreen(<EditUserPage />, { path: '/users/:userId', url: `/users/${current.id}`, user: me(current) });
  return { ...view, api, id: current.id, someoneElseSaves };
}

const save = () => userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

describe('editing a user', () => {
  it('sends only what changed, against the version opened (If-Match), and returns to the list', async () => {
    const { api, id, router } = setup();
    const name = await screen.findByLabelText(/^Name/);
    expect(name).toHaveValue('Olaf Berg');
    await userEvent.clear(name);
    await userEvent.type(name, 'Olaf Berg-Hansen');
    await userEvent.click(screen.getByRole('checkbox', { name: /^Requester/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /^Manager/ }));
    await userEvent.click(screen.getByRole('switch', { name: 'Active' }));
    await save();

    await waitFor(() => expect(router.state.location.pathname).toBe('/users'));
    const [patch] = api.calls('PATCH', `/users/${id}`);
    expect(patch!.headers.get('if-match')).toBe('"3"');
    // No password typed: none is sent.
    expect(patch!.body).toEqual({ name: 'Olaf Berg-Hansen', roles: ['manager'], active: false });
  });

  it('changes the sign-in email as typed, lower-cased, and puts a taken address (409) on its field', async () => {
    const { api, id } = setup();
    const email = await screen.findByLabelText(/^Email/);
    expect(email).toHaveValue('olaf@example.com');
    await userEvent.clear(email);
    await userEvent.type(email, 'not an address');
    await save();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls('PATCH', `/users/${id}`)).toHaveLength(0);

    api.on('PATCH', '/users/:id', () =>
      problem(409, { code: 'duplicate', errors: [{ path: 'email', message: 'another account already uses this email' }] }),
    );
    await userEvent.clear(email);
    await userEvent.type(email, ' Olaf.Berg@Example.com ');
    await save();
    await waitFor(() => expect(email).toHaveAccessibleDescription('another account already uses this email'));
    expect(api.calls('PATCH', `/users/${id}`)[0]!.body).toEqual({ email: 'olaf.berg@example.com' });
  });

  it('sets a new password only when one is typed, checked with the contract first', async () => {
    const { api, id } = setup();
    const password = await screen.findByLabelText('New password');
    await userEvent.type(password, 'too-short');
    await save();
    expect(password).toHaveAccessibleDescription('must be at least 12 characters');
    expect(api.calls('PATCH', `/users/${id}`)).toHaveLength(0);

    await userEvent.type(password, '-but-now-long');
    await save();
    await waitFor(() => expect(api.calls('PATCH', `/users/${id}`)).toHaveLength(1));
    expect(api.calls('PATCH', `/users/${id}`)[0]!.body).toEqual({ password: 'too-short-but-now-long' });
  });

  it('unlinks the technician with null', async () => {
    const { api, id } = setup({ roles: ['technician'], technicianId: TECHNICIAN_ID });
    const picker = await screen.findByRole('combobox', { name: 'Linked technician' });
    await waitFor(() => expect(picker).toHaveValue('Jan Neumann (T-004)'));
    await userEvent.click(picker);
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await save();
    await waitFor(() => expect(api.calls('PATCH', `/users/${id}`)).toHaveLength(1));
    expect(api.calls('PATCH', `/users/${id}`)[0]!.body).toEqual({ technicianId: null });
  });

  it('says when someone else saved first (412) and reloads the newest version on request', async () => {
    const { api, id, someoneElseSaves } = setup();
    const name = await screen.findByLabelText(/^Name/);
    await userEvent.type(name, ' Jr.');
    someoneElseSaves();
    await save();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this user meanwhile. Reload to see their version, or merge your changes into it.',
    );
    expect(api.calls('PATCH', `/users/${id}`)[0]!.headers.get('if-match')).toBe('"3"');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByLabelText(/^Name/)).toHaveValue('Olaf B. Berg'));
    expect(screen.getByRole('checkbox', { name: /^Planner/ })).toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps an admin from removing their own admin role or deactivating themselves', async () => {
    setup({ roles: ['admin'] }, (user) => userWith('admin', { id: user.id }));
    const admin = await screen.findByRole('checkbox', { name: /^Admin/ });
    expect(admin).toBeChecked();
    expect(admin).toBeDisabled();
    expect(admin).toHaveAccessibleDescription('You cannot remove your own admin role.');
    expect(screen.getByRole('switch', { name: 'Active' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /^Planner/ })).toBeEnabled();
  });

  it('is not offered to anyone but an admin, and asks the server nothing', () => {
    const { api } = setup({}, () => userWith('manager'));
    expect(screen.getByText(/User accounts are managed by administrators/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });
});
