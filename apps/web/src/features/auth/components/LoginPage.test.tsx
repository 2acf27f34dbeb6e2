import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessionEnded } from '@/lib/auth/auth-slice';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { LoginPage } from './LoginPage';

const planner = userWith('planner');
const noDemo = () => json({ password: null, accounts: [] });

describe('the login page', () => {
  it('names what is wrong with each field before anything is sent', async () => {
    const api = fakeApi().on('GET', '/auth/demo-logins', noDemo);
    renderScreen(<LoginPage />, { path: '/login' });
    await userEvent.type(screen.getByLabelText(/email/i), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Enter an email address such as name@example.com')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(api.calls('POST', '/auth/login')).toHaveLength(0);
  });

  it('logs in, keeps the refresh token for reloads, and returns to the page asked for', async () => {
    const api = fakeApi()
      .on('GET', '/auth/demo-logins', noDemo)
      .on('POST', '/auth/login', () =>
        json({ accessToken: 'access-1', refreshToken: 'refresh-token-0123456789', expiresIn: 900, user: planner }),
      );
    const { store, router } = renderScreen(<LoginPage />, { path: '/login' });
    await router.navigate('/login', { state: { from: '/work-orders/42?tab=parts' } });
    await userEvent.type(screen.getByLabelText(/email/i), ' Planner@Example.com ');
    await userEvent.type(screen.getByLabelText(/password/i), 'demo-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/work-orders/42'));
    expect(router.state.location.search).toBe('?tab=parts');
    // The contract's schema normalizes the email before it is sent.
    expect(api.calls('POST', '/auth/login')[0]!.body).toEqual({ email: 'planner@example.com', password: 'demo-password' });
    expect(store.getState().auth).toMatchObject({ status: 'authenticated', accessToken: 'access-1', user: planner });
    expect(localStorage.getItem('msched.refreshToken')).toBe('refresh-token-0123456789');
  });

  it('says so when the credentials are wrong', async () => {
    fakeApi()
      .on('GET', '/auth/demo-logins', noDemo)
      .on('POST', '/auth/login', () => problem(401, { code: 'invalid_credentials' }));
    renderScreen(<LoginPage />, { path: '/login' });
    await userEvent.type(screen.getByLabelText(/email/i), 'planner@example.com');
    await userEvent.type(screen.getByLabelText(/password/i), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
  });

  it('gives the keyboard back to the button after a refusal (disabled while logging in, it dropped it)', async () => {
    let answer: () => void = () => undefined;
    const api = fakeApi()
      .on('GET', '/auth/demo-logins', noDemo)
      .on(
        'POST',
        '/auth/login',
        () => new Promise<Response>((resolve) => (answer = () => resolve(problem(401, { code: 'invalid_credentials' })))),
      );
    renderScreen(<LoginPage />, { path: '/login' });
    await userEvent.type(screen.getByLabelText(/email/i), 'planner@example.com');
    await userEvent.type(screen.getByLabelText(/password/i), 'wrong');
    const button = screen.getByRole('button', { name: 'Log in' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(api.calls('POST', '/auth/login')).toHaveLength(1));
    // Disabled while it is sent, it drops the focus to the page.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Logging in…' })).toBeDisabled());
    expect(document.activeElement).toBe(document.body);
    answer();
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Log in' })).toHaveFocus());
  });

  it('offers the demo logins when the server runs the demo, and fills the form with one', async () => {
    fakeApi().on('GET', '/auth/demo-logins', () =>
      json({
        password: 'demo-password',
        accounts: [
          { email: 'tech10@example.com', name: 'Ten', roles: ['technician'] },
          { email: 'tech2@example.com', name: 'Two', roles: ['technician'] },
          { email: 'planner@example.com', name: 'Pia Planner', roles: ['planner'] },
        ],
      }),
    );
    renderScreen(<LoginPage />, { path: '/login' });
    const technicians = await screen.findByRole('list', { name: 'Technicians demo accounts' });
    expect([...technicians.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['tech2', 'tech10']);
    await userEvent.click(screen.getByRole('button', { name: 'planner' }));
    expect(screen.getByLabelText(/email/i)).toHaveValue('planner@example.com');
    expect(screen.getByLabelText(/password/i)).toHaveValue('demo-password');
  });

  it('shows no demo logins otherwise, and explains an expired session', async () => {
    fakeApi().on('GET', '/auth/demo-logins', noDemo);
    const { store } = renderScreen(<LoginPage />, { path: '/login' });
    store.dispatch(sessionEnded('expired'));
    expect(await screen.findByText('Your session expired. Log in again to continue where you left off.')).toBeInTheDocument();
    expect(screen.queryByText('Demo logins')).not.toBeInTheDocument();
  });
});
