import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type FakeApi, fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, technician, userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { TechniciansPage } from './TechniciansPage';

const jan = technician({
  skills: [
    { skill: 'mechanical', level: 2 },
    { skill: 'electrical', level: 4 },
  ],
});

/** A phone 390 px wide, as far as the app's media queries (MUI's useMediaQuery) can tell. */
const lastList = (api: FakeApi) => Object.fromEntries(api.calls('GET', '/technicians').at(-1)!.url.searchParams);

describe('the technician list', () => {
  it('asks the server for active technicians first, then for the skill and name typed, and links each to their page', async () => {
    const api = fakeApi().on('GET', '/technicians', () => json({ data: [jan], total: 1, page: 1, limit: 20 }));
    const { router } = renderScreen(<TechniciansPage />, { path: '/technicians', user: userWith('manager') });
    expect(await screen.findByRole('link', { name: 'Jan Neumann' })).toHaveAttribute('href', `/technicians/${TECHNICIAN_ID}`);
    // Strongest skill first.
    expect(screen.getByText('electrical 4').compareDocumentPosition(screen.getByText('mechanical 2'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(lastList(api)).toEqual({ page: '1', limit: '20', active: 'true' });

    await userEvent.type(screen.getByRole('textbox', { name: 'Skill' }), 'electrical');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'neu');
    await waitFor(() => expect(lastList(api)).toEqual({ page: '1', limit: '20', active: 'true', skill: 'electrical', search: 'neu' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Showing' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Everyone' }));
    await waitFor(() => expect(lastList(api)).toEqual({ page: '1', limit: '20', skill: 'electrical', search: 'neu' }));
    expect(router.state.location.search).toBe('?search=neu&skill=electrical&active=all');
  });

  it.each(['technician', 'requester'] as const)('tells a %s the list is not theirs, without filters or a request', async (role) => {
    const api = fakeApi().on('GET', '/technicians', () => problem(403));
    renderScreen(<TechniciansPage />, { path: '/technicians', user: userWith(role) });
    expect(await screen.findByRole('heading', { name: 'Technicians' })).toBeInTheDocument();
    expect(screen.getByText('The technician list is for planners, managers and administrators.')).toBeInTheDocument();
    expect(screen.queryByRole('searchbox', { name: 'Search' })).not.toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });
});
