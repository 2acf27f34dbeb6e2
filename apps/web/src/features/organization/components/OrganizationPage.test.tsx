import type { Organization } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { OrganizationPage } from './OrganizationPage';

function setup(role: 'admin' | 'planner' = 'admin') {
  let current: Organization = {
    id: '00000000-0000-4000-8000-00000000000a',
    name: 'Demo Plant',
    slug: 'demo-plant',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    version: 2,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
  };
  const api = fakeApi()
    .on('GET', '/organization', () => json(current))
    .on('PATCH', '/organization', ({ headers, body }) => {
      if (headers.get('if-match') !== `"${current.version}"`) return problem(412, { code: 'precondition_failed' });
      current = { ...current, ...(body as object), version: current.version + 1 };
      return json(current);
    });
  const someoneElseSaves = () => {
    current = { ...current, name: 'Demo Plant North', version: current.version + 1 };
  };
  const { store } = renderScreen(<OrganizationPage />, { path: '/organization', user: userWith(role) });
  return { api, store, someoneElseSaves };
}

const save = () => userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

describe('the organization settings', () => {
  it('sends only the changed settings, as the contract writes them, against the version opened', async () => {
    const { api, store } = setup();
    const timezone = await screen.findByLabelText(/^Time zone/);
    expect(timezone).toHaveValue('Europe/Berlin');
    await userEvent.clear(timezone);
    await userEvent.type(timezone, 'America/Chicago');
    const currency = screen.getByLabelText(/^Currency/);
    await userEvent.clear(currency);
    await userEvent.type(currency, 'usd');
    await save();

    await waitFor(() => expect(api.calls('PATCH', '/organization')).toHaveLength(1));
    const [patch] = api.calls('PATCH', '/organization');
    expect(patch!.headers.get('if-match')).toBe('"2"');
    expect(patch!.body).toEqual({ timezone: 'America/Chicago', currency: 'USD' });
    await waitFor(() =>
      expect(store.getState().toasts.queue[0]).toMatchObject({ severity: 'success', message: 'Organization settings saved.' }),
    );
    // The form now stands on the saved version: the next save goes against it.
    await userEvent.clear(screen.getByLabelText(/^Name/));
    await userEvent.type(screen.getByLabelText(/^Name/), 'Plant One');
    await save();
    await waitFor(() => expect(api.calls('PATCH', '/organization')).toHaveLength(2));
    expect(api.calls('PATCH', '/organization')[1]!.headers.get('if-match')).toBe('"3"');
  });

  it("shows the contract's message on a bad time zone or currency and sends nothing", async () => {
    const { api } = setup();
    const timezone = await screen.findByLabelText(/^Time zone/);
    await userEvent.clear(timezone);
    await userEvent.type(timezone, 'Mars/Olympus');
    const currency = screen.getByLabelText(/^Currency/);
    await userEvent.clear(currency);
    await userEvent.type(currency, 'E1');
    await save();
    expect(timezone).toHaveAccessibleDescription('unknown IANA time zone');
    expect(currency).toHaveAccessibleDescription('a three-letter ISO 4217 code');
    expect(timezone).toHaveFocus();
    expect(api.calls('PATCH', '/organization')).toHaveLength(0);
  });

  it('says when someone else saved first (412) and merges the admin’s edits over the newest version on request', async () => {
    const { api, someoneElseSaves } = setup();
    const currency = await screen.findByLabelText(/^Currency/);
    await userEvent.clear(currency);
    await userEvent.type(currency, 'CHF');
    someoneElseSaves();
    await save();
    await userEvent.click(await screen.findByRole('button', { name: /merge/i }));
    await waitFor(() => expect(screen.getByLabelText(/^Name/)).toHaveValue('Demo Plant North'));
    expect(screen.getByLabelText(/^Currency/)).toHaveValue('CHF');
    await save();
    await waitFor(() => expect(api.calls('PATCH', '/organization')).toHaveLength(2));
    expect(api.calls('PATCH', '/organization')[1]!.headers.get('if-match')).toBe('"3"');
  });

  it('shows anyone but an admin the settings to read, with no form', async () => {
    setup('planner');
    expect(await screen.findByRole('heading', { name: 'Demo Plant' })).toBeInTheDocument();
    expect(screen.getByText('Europe/Berlin')).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
  });
});
