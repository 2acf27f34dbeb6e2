import type { Equipment, Location } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type FakeApi, fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { EquipmentPage } from './EquipmentPage';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [HAMBURG, HALL, LINE, LEIPZIG] = [uuid(1), uuid(2), uuid(3), uuid(4)];

const location = (id: string, name: string, kind: Location['kind'], parentId: string | null): Location => ({
  id,
  name,
  code: null,
  kind,
  parentId,
  description: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const pump: Equipment = {
  id: uuid(50),
  equipmentNumber: 'EQ-1006',
  name: 'Coolant Pump',
  type: 'Pump',
  criticality: 'C',
  status: 'DEGRADED',
  locationId: LINE,
  parentId: null,
  ownerId: null,
  maintenanceManagerId: null,
  manufacturer: null,
  model: null,
  serialNumber: null,
  installDate: null,
  description: null,
  maintenanceWindows: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

// 102 locations: the tree is read in two pages of 100.
const fillers = Array.from({ length: 98 }, (_, index) => location(uuid(1000 + index), `Bay ${index}`, 'LINE', LEIPZIG));
const locations = [location(LINE, 'Machining Line 1', 'LINE', HALL), location(LEIPZIG, 'Leipzig Plant', 'SITE', null), ...fillers];
const secondPage = [location(HALL, 'Production Hall', 'AREA', HAMBURG), location(HAMBURG, 'Hamburg Plant', 'SITE', null)];

function setup(url = '/equipment', tooLong = false) {
  const api = fakeApi()
    .on('GET', '/locations', ({ url: request }) =>
      json({ data: request.searchParams.get('page') === '2' ? secondPage : locations, total: 102, page: 1, limit: 100 }),
    )
    .on('GET', '/equipment', ({ url: request }) => {
      // As the API refuses it (tooLong: the search's limit is checked).
      if (tooLong && (request.searchParams.get('search') ?? '').length > 200)
        return problem(400, {
          title: 'Invalid input',
          errors: [{ path: 'search', message: 'Too big: expected string to have <=200 characters' }],
        });
      const at = request.searchParams.get('locationId');
      const data = !at || at === LINE ? [pump] : [];
      return json({ data, total: data.length, page: 1, limit: 20 });
    });
  const view = renderScreen(<EquipmentPage />, { path: '/equipment', url, user: userWith('technician') });
  return { api, view };
}

const lastList = (api: FakeApi) => Object.fromEntries(api.calls('GET', '/equipment').at(-1)!.url.searchParams);

describe('equipment by location', () => {
  it('builds the tree from every page of locations, sites open, and filters the list by the chosen location', async () => {
    const { api, view } = setup();
    // Phones (and jsdom, which has no media queries) keep the tree behind a button.
    await userEvent.click(screen.getByRole('button', { name: 'Choose a location' }));
    const tree = await screen.findByRole('list', { name: 'Locations' });
    expect(api.calls('GET', '/locations').map((call) => call.url.searchParams.get('page'))).toEqual(['1', '2']);
    // Sites open at first: their areas show; the hall's lines wait for a click.
    expect(within(tree).getByRole('button', { name: /^Production Hall/ })).toBeInTheDocument();
    expect(within(tree).queryByRole('button', { name: /Machining Line 1/ })).not.toBeInTheDocument();
    await userEvent.click(within(tree).getByRole('button', { name: 'Show what is in Production Hall' }));
    await userEvent.click(within(tree).getByRole('button', { name: /Machining Line 1/ }));

    await waitFor(() => expect(lastList(api)).toEqual({ page: '1', limit: '20', locationId: LINE }));
    expect(view.router.state.location.search).toBe(`?location=${LINE}`);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Equipment');
    expect(screen.getByText('Hamburg Plant › Production Hall › Machining Line 1')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'EQ-1006' })).toHaveAttribute('href', `/equipment/${pump.id}`);
    // Choosing closes the tree on a phone; opened again, it shows the choice.
    await userEvent.click(screen.getByRole('button', { name: 'Choose a location' }));
    expect(
      within(await screen.findByRole('list', { name: 'Locations' })).getByRole('button', { name: /Machining Line 1/ }),
    ).toHaveAttribute('aria-current', 'true');
  });

  it('offers the sub-locations when nothing sits at the chosen one itself', async () => {
    const { api } = setup(`/equipment?location=${HAMBURG}`);
    expect(await screen.findByText('No equipment here')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Production Hall' }));
    await waitFor(() => expect(lastList(api).locationId).toBe(HALL));
  });

  it('takes the type from the URL (as the dashboard links to it) and searches once typing pauses', async () => {
    const { api } = setup('/equipment?type=Pump');
    await screen.findByRole('link', { name: 'EQ-1006' });
    expect(lastList(api)).toEqual({ page: '1', limit: '20', type: 'Pump' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'cool');
    await waitFor(() => expect(lastList(api)).toEqual({ page: '1', limit: '20', type: 'Pump', search: 'cool' }));
    expect(api.calls('GET', '/equipment').filter((call) => call.url.searchParams.has('search'))).toHaveLength(1);
  });

  it('says what is wrong with a search too long for the API (from a link), and lets no longer one be typed', async () => {
    const { api } = setup(`/equipment?search=${'p'.repeat(205)}`, true);
    expect(await screen.findByRole('alert')).toHaveTextContent('Search is limited to 200 characters.');
    const search = screen.getByRole('searchbox', { name: 'Search' });
    await userEvent.clear(search);
    await userEvent.click(search);
    await userEvent.paste('q'.repeat(250));
    expect(search).toHaveValue('q'.repeat(200));
    await waitFor(() => expect(lastList(api).search).toBe('q'.repeat(200)));
    expect(await screen.findByRole('link', { name: 'EQ-1006' })).toBeInTheDocument();
  });
});
