import type { Location, SiteTravelTime, SiteTravelTimesState } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { TravelTimesPage } from './TravelTimesPage';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [HAMBURG, LEIPZIG, STUTTGART, HALL] = [uuid(1), uuid(2), uuid(3), uuid(4)];

const location = (id: string, name: string, kind: Location['kind']): Location => ({
  id,
  name,
  code: null,
  kind,
  parentId: null,
  description: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const plants = [
  location(STUTTGART, 'Stuttgart Plant', 'SITE'),
  location(HALL, 'Production Hall', 'AREA'),
  location(HAMBURG, 'Hamburg Plant', 'SITE'),
  location(LEIPZIG, 'Leipzig Plant', 'SITE'),
];

function setup({ role = 'planner' as const, locations = plants } = {}) {
  let current: SiteTravelTimesState = {
    version: 4,
    // Named the other way round from the page's rows: a pair holds both ways.
    travelTimes: [{ fromSiteId: LEIPZIG, toSiteId: HAMBURG, minutes: 250 }],
  };
  const api = fakeApi()
    .on('GET', '/locations', () => json({ data: locations, total: locations.length, page: 1, limit: 100 }))
    .on('GET', '/locations/travel-times', () => json(current))
    .on('PUT', '/locations/travel-times', ({ headers, body }) => {
      if (headers.get('if-match') !== `"${current.version}"`)
        return problem(412, { code: 'precondition_failed', currentVersion: current.version });
      current = { version: current.version + 1, travelTimes: (body as { travelTimes: SiteTravelTime[] }).travelTimes };
      return json(current);
    });
  const someoneElseSaves = (travelTimes: SiteTravelTime[]) => {
    current = { version: current.version + 1, travelTimes };
  };
  const { store } = renderScreen(<TravelTimesPage />, { path: '/travel-times', user: userWith(role) });
  return { api, store, someoneElseSaves };
}

const minutesField = (a: string, b: string) => screen.findByLabelText(`Minutes between ${a} and ${b}`);
const save = () => userEvent.click(screen.getByRole('button', { name: 'Save travel times' }));

describe('travel times between sites', () => {
  it('lists every pair of sites once, by name, with the saved minutes whichever way they were named', async () => {
    setup();
    expect(await minutesField('Hamburg Plant', 'Leipzig Plant')).toHaveValue('250');
    expect(await minutesField('Hamburg Plant', 'Stuttgart Plant')).toHaveValue('');
    expect(await minutesField('Leipzig Plant', 'Stuttgart Plant')).toHaveValue('');
    // Three sites make three pairs; the hall is an area, not a site.
    expect(screen.getAllByRole('textbox')).toHaveLength(3);
    expect(screen.queryByText('Production Hall')).not.toBeInTheDocument();
  });

  it('saves the pairs with minutes, as a whole and against the version read; an emptied pair goes', async () => {
    const { api, store } = setup();
    const hamburgLeipzig = await minutesField('Hamburg Plant', 'Leipzig Plant');
    await userEvent.clear(hamburgLeipzig);
    await userEvent.type(await minutesField('Hamburg Plant', 'Stuttgart Plant'), '400');
    await userEvent.type(await minutesField('Leipzig Plant', 'Stuttgart Plant'), '0');
    await save();

    await waitFor(() => expect(api.calls('PUT', '/locations/travel-times')).toHaveLength(1));
    const [put] = api.calls('PUT', '/locations/travel-times');
    expect(put!.headers.get('if-match')).toBe('"4"');
    expect(put!.body).toEqual({
      travelTimes: [
        { fromSiteId: HAMBURG, toSiteId: STUTTGART, minutes: 400 },
        { fromSiteId: LEIPZIG, toSiteId: STUTTGART, minutes: 0 },
      ],
    });
    await waitFor(() => expect(store.getState().toasts.queue[0]).toMatchObject({ severity: 'success', message: 'Travel times saved.' }));
    // The form stands on the saved version: the next save goes against it.
    await userEvent.type(await minutesField('Hamburg Plant', 'Leipzig Plant'), '245');
    await save();
    await waitFor(() => expect(api.calls('PUT', '/locations/travel-times')).toHaveLength(2));
    expect(api.calls('PUT', '/locations/travel-times')[1]!.headers.get('if-match')).toBe('"5"');
  });

  it.each([
    ['a fraction of a minute', '2.5'],
    ['more than a day', '1441'],
    ['words', 'an hour'],
    ['a hexadecimal number', '0x10'],
    ['an exponent', '1e2'],
    ['a negative number', '-5'],
  ])('refuses %s beside its pair, in words, and sends nothing', async (_, typed) => {
    const { api } = setup();
    const field = await minutesField('Leipzig Plant', 'Stuttgart Plant');
    await userEvent.type(field, typed);
    await save();
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAccessibleDescription('Whole minutes from 0 to 1440 (a day)');
    expect(api.calls('PUT', '/locations/travel-times')).toHaveLength(0);
  });

  it("puts the server's message about an entry beside the pair it was about", async () => {
    const { api } = setup();
    api.on('PUT', '/locations/travel-times', () =>
      problem(400, {
        code: 'validation_failed',
        errors: [{ path: 'travelTimes.1.toSiteId', message: 'no such site in your organization' }],
      }),
    );
    await userEvent.type(await minutesField('Hamburg Plant', 'Stuttgart Plant'), '400');
    await save();
    // Entry 1 of the body is the second pair with minutes: Hamburg–Stuttgart (Hamburg–Leipzig comes first).
    expect(await screen.findByText('no such site in your organization')).toBeInTheDocument();
    expect(await minutesField('Hamburg Plant', 'Stuttgart Plant')).toHaveAttribute('aria-invalid', 'true');
    expect(await minutesField('Hamburg Plant', 'Leipzig Plant')).toHaveAttribute('aria-invalid', 'false');
  });

  it('when someone saved first: refused (412), and merging keeps the pairs edited here over theirs', async () => {
    const { api, someoneElseSaves } = setup();
    await userEvent.type(await minutesField('Leipzig Plant', 'Stuttgart Plant'), '310');
    someoneElseSaves([
      { fromSiteId: HAMBURG, toSiteId: LEIPZIG, minutes: 240 },
      { fromSiteId: HAMBURG, toSiteId: STUTTGART, minutes: 420 },
    ]);
    await save();
    expect(await screen.findByText(/Someone else changed/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: /merge/i }));
    await waitFor(async () => expect(await minutesField('Hamburg Plant', 'Leipzig Plant')).toHaveValue('240'));
    expect(await minutesField('Hamburg Plant', 'Stuttgart Plant')).toHaveValue('420');
    expect(await minutesField('Leipzig Plant', 'Stuttgart Plant')).toHaveValue('310');
    await save();
    await waitFor(() => expect(api.calls('PUT', '/locations/travel-times')).toHaveLength(2));
    const [, second] = api.calls('PUT', '/locations/travel-times');
    expect(second!.headers.get('if-match')).toBe('"5"');
    expect((second!.body as { travelTimes: SiteTravelTime[] }).travelTimes).toHaveLength(3);
  });

  it('says there is nothing to set with fewer than two sites', async () => {
    const { api } = setup({ locations: [location(HAMBURG, 'Hamburg Plant', 'SITE'), location(HALL, 'Production Hall', 'AREA')] });
    expect(await screen.findByText(/needs two sites or more/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save travel times' })).not.toBeInTheDocument();
    expect(api.calls('PUT', '/locations/travel-times')).toHaveLength(0);
  });

  it.each(['technician', 'requester'] as const)('tells a %s whose page it is, and asks the API nothing', async (role) => {
    const { api } = setup({ role } as never);
    expect(await screen.findByText(/Planners, managers and administrators set/)).toBeInTheDocument();
    expect(api.calls('GET', '/locations/travel-times')).toHaveLength(0);
    expect(api.calls('GET', '/locations')).toHaveLength(0);
  });
});
