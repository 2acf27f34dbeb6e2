import type { Equipment } from '@msched/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { equipmentRealtime } from '../realtime/equipment-realtime';
import { EquipmentDetailPage } from './EquipmentDetailPage';

const ID = '00000000-0000-4000-8000-000000000800';
const METER = '00000000-0000-4000-8000-000000000700';

const compressor: Equipment = {
  id: ID,
  equipmentNumber: 'EQ-1013',
  name: 'Main Air Compressor',
  type: 'Compressor',
  criticality: 'A',
  status: 'OPERATIONAL',
  locationId: null,
  parentId: null,
  ownerId: null,
  maintenanceManagerId: null,
  manufacturer: 'Kaeser',
  model: 'BSD 72',
  serialNumber: 'KAE-1',
  installDate: null,
  description: null,
  maintenanceWindows: null,
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function setup(role: 'planner' | 'requester' = 'planner', equipment: Equipment = compressor) {
  let current = equipment;
  const api = fakeApi()
    .on('GET', '/equipment/:id', () => json(current))
    .on('PATCH', '/equipment/:id', ({ headers, body }) => {
      if (headers.get('if-match') !== `"${current.version}"`) return problem(412, { code: 'precondition_failed' });
      current = { ...current, ...(body as Partial<Equipment>), version: current.version + 1 };
      return json(current);
    })
    .on('GET', '/locations', () => json({ data: [], total: 0, page: 1, limit: 100 }))
    .on('GET', '/equipment/:id/meters', () =>
      json([
        {
          id: METER,
          equipmentId: ID,
          name: 'Operating hours',
          unit: 'h',
          kind: 'COUNTER',
          lastValue: 120,
          lastReadAt: '2026-11-02T06:00:00.000Z',
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ]),
    )
    .on('GET', '/meters/:id/readings', () =>
      json({
        data: [
          {
            id: 'r2',
            meterId: METER,
            value: 120,
            readAt: '2026-11-02T06:00:00.000Z',
            replacement: false,
            createdAt: '2026-11-02T06:00:00.000Z',
          },
          {
            id: 'r1',
            meterId: METER,
            value: 100,
            readAt: '2026-11-01T06:00:00.000Z',
            replacement: false,
            createdAt: '2026-11-01T06:00:00.000Z',
          },
        ],
        total: 2,
        page: 1,
        limit: 100,
      }),
    )
    .on('GET', '/work-orders/equipment/:id', () => json(pageOf([workOrder({ title: 'Oil leak', equipmentId: ID })])))
    .on('GET', '/equipment/:id/history', () =>
      json(
        pageOf([
          workOrder({ title: 'Replaced filter', status: 'CLOSED', actualEndTime: '2026-10-05T09:00:00.000Z' }),
          workOrder({ title: 'Check the belt', status: 'CANCELLED', actualEndTime: null, updatedAt: '2026-11-20T09:00:00.000Z' }),
        ]),
      ),
    )
    .on('GET', '/technicians', () => json(pageOf([]) as never))
    .on('GET', '/pm-plans', () => json({ data: [], total: 0, page: 1, limit: 5 }))
    .on('GET', '/equipment/:id/health', () => problem(404));
  const client = fakeRealtimeClient();
  renderScreen(<EquipmentDetailPage />, {
    path: '/equipment/:equipmentId',
    url: `/equipment/${ID}`,
    user: userWith(role),
    realtime: { client, bindings: [equipmentRealtime] },
  });
  const someoneElseChanges = () => (current = { ...current, status: 'DOWN', version: current.version + 1 });
  return { api, client, someoneElseChanges };
}

describe('one piece of equipment', () => {
  it('shows its open work, meters, history, PM plans and the slot for its health', async () => {
    const { api } = setup();
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('EQ-1013 · Main Air Compressor');
    expect(await screen.findByText('Oil leak')).toBeInTheDocument();
    expect(await screen.findByText('Replaced filter')).toBeInTheDocument();
    expect(await screen.findByText('No PM plan covers this equipment.')).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'Operating hours from Nov 1, 2026 – Nov 2, 2026: 100 to 120 h.' })).toBeInTheDocument();
    expect(document.getElementById('predictive-health')).not.toBeNull();
    // Open work: the open states only, soonest due first.
    const open = api.calls('GET', `/work-orders/equipment/${ID}`)[0]!.url.searchParams;
    expect(open.get('status')).toBe('OPEN,SCHEDULED,IN_PROGRESS,ON_HOLD,PENDING_APPROVAL');
    expect(open.get('sort')).toBe('dueDate');
    expect(api.calls('GET', '/pm-plans')[0]!.url.searchParams.get('equipmentId')).toBe(ID);
  });

  it('changes the status against the version shown, and says so when someone else changed it first', async () => {
    const { api, someoneElseChanges } = setup();
    await screen.findByRole('heading', { level: 1 });
    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Degraded' }));
    await userEvent.click(screen.getByRole('button', { name: 'Change status' }));
    await waitFor(() => expect(api.calls('PATCH', `/equipment/${ID}`)).toHaveLength(1));
    const [patch] = api.calls('PATCH', `/equipment/${ID}`);
    expect(patch!.headers.get('if-match')).toBe('"4"');
    expect(patch!.body).toEqual({ status: 'DEGRADED' });

    someoneElseChanges();
    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Retired' }));
    await userEvent.click(screen.getByRole('button', { name: 'Change status' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this equipment meanwhile. Reload to see their version.',
    );
    await userEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    // The newest version is shown (chip and control), ready to be changed against.
    expect((await screen.findAllByText('Down')).length).toBeGreaterThan(0);
  });

  it('keeps the keyboard on the status field once the change is saved (the button is then disabled)', async () => {
    const { api } = setup();
    await screen.findByRole('heading', { level: 1 });
    const status = screen.getByRole('combobox', { name: 'Status' });
    await userEvent.click(status);
    await userEvent.click(await screen.findByRole('option', { name: 'Degraded' }));
    const button = screen.getByRole('button', { name: 'Change status' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(api.calls('PATCH', `/equipment/${ID}`)).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Change status' })).toBeDisabled());
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Status' })).toHaveFocus());
  });

  it('follows a status change made elsewhere at once; a requester sees no status control and no PM plans', async () => {
    const { client, api } = setup('requester');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: 'Change status' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit windows' })).not.toBeInTheDocument();
    client.emit('equipment:update', {
      eventId: 5,
      eventType: 'status_change',
      equipmentId: ID,
      data: {
        equipmentNumber: 'EQ-1013',
        name: 'Main Air Compressor',
        status: 'DOWN',
        version: 5,
        oldStatus: 'OPERATIONAL',
        newStatus: 'DOWN',
      },
      timestamp: '2026-11-29T07:00:00.000Z',
    });
    expect(await screen.findByText('Down')).toBeInTheDocument();
    expect(api.calls('GET', '/pm-plans')).toHaveLength(0);
  });
});

const windowsSection = () => screen.getByRole('region', { name: 'Maintenance windows' });
const set = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("the equipment's maintenance windows", () => {
  it('says when none are defined, and a planner defines them with one PATCH against the version shown', async () => {
    const { api } = setup();
    await screen.findByRole('heading', { level: 1 });
    expect(windowsSection()).toHaveTextContent('None defined — work that needs this equipment down cannot be booked.');

    await userEvent.click(within(windowsSection()).getByRole('button', { name: 'Edit windows' }));
    set('Time zone of the windows', 'Europe/Berlin');
    await userEvent.click(screen.getByRole('button', { name: 'Add window' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Day of window 1' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Saturday' }));
    set('Start of window 1', '06:00');
    set('End of window 1', '14:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add a dated addition or exclusion' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Kind of exception 1' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Extra window (e.g. a planned shutdown)' }));
    set('From (exception 1)', '2099-06-01T06:00');
    set('Until (exception 1)', '2099-06-03T18:00');
    set('Reason (exception 1)', 'Annual shutdown');
    await userEvent.click(screen.getByRole('button', { name: 'Save windows' }));

    await waitFor(() => expect(api.calls('PATCH', `/equipment/${ID}`)).toHaveLength(1));
    const [patch] = api.calls('PATCH', `/equipment/${ID}`);
    expect(patch!.headers.get('if-match')).toBe('"4"');
    expect(patch!.body).toEqual({
      maintenanceWindows: {
        timezone: 'Europe/Berlin',
        weeklyPattern: [{ weekday: 6, start: '06:00', end: '14:00' }],
        exceptions: [
          {
            start: new Date(2099, 5, 1, 6).toISOString(),
            end: new Date(2099, 5, 3, 18).toISOString(),
            available: true,
            reason: 'Annual shutdown',
          },
        ],
      },
    });
    // Saved: the windows as the server now holds them.
    const weekly = await within(windowsSection()).findByRole('table', { name: 'Weekly maintenance windows' });
    expect(within(weekly).getByRole('row', { name: /Saturday/ })).toHaveTextContent('06:00–14:00');
    expect(within(weekly).getByRole('row', { name: /Monday/ })).toHaveTextContent('No window');
    expect(windowsSection()).toHaveTextContent('Window times in Europe/Berlin');
    expect(within(windowsSection()).getByRole('table', { name: 'Dated additions and exclusions ahead' })).toHaveTextContent(
      'Extra window · Annual shutdown',
    );
  });

  it("shows the server's refusal of a field beside it, and keeps the editor open", async () => {
    const nightly = { timezone: 'Europe/Berlin', weeklyPattern: [{ weekday: 1, start: '22:00', end: '04:00' }], exceptions: [] };
    const { api } = setup('planner', { ...compressor, maintenanceWindows: nightly });
    await screen.findByRole('heading', { level: 1 });
    api.on('PATCH', '/equipment/:id', () =>
      problem(400, { title: 'Invalid input', errors: [{ path: 'maintenanceWindows.timezone', message: 'unknown IANA time zone' }] }),
    );
    await userEvent.click(within(windowsSection()).getByRole('button', { name: 'Edit windows' }));
    expect(screen.getByLabelText('Time zone of the windows')).toHaveValue('Europe/Berlin');
    expect(screen.getByLabelText('Start of window 1')).toHaveValue('22:00');
    set('Time zone of the windows', 'America/Nuuk');
    await userEvent.click(screen.getByRole('button', { name: 'Save windows' }));

    const timezone = screen.getByLabelText('Time zone of the windows');
    await waitFor(() => expect(timezone).toHaveAttribute('aria-invalid', 'true'));
    expect(timezone).toHaveAccessibleDescription('Not a time zone: enter a name such as Europe/Berlin or America/New_York');
    expect(within(windowsSection()).getByRole('alert')).toHaveTextContent('Some fields need attention.');
    expect(api.calls('PATCH', `/equipment/${ID}`)[0]!.body).toEqual({ maintenanceWindows: { ...nightly, timezone: 'America/Nuuk' } });
    expect(screen.getByRole('button', { name: 'Save windows' })).toBeInTheDocument();
  });

  it("holds a reason to the contract's length, and says so in plain words", async () => {
    const { api } = setup();
    await screen.findByRole('heading', { level: 1 });
    await userEvent.click(within(windowsSection()).getByRole('button', { name: 'Edit windows' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a dated addition or exclusion' }));
    set('From (exception 1)', '2099-06-01T06:00');
    set('Until (exception 1)', '2099-06-03T18:00');
    const reason = screen.getByLabelText('Reason (exception 1)');
    expect(reason).toHaveAttribute('maxlength', '200');
    // Typed past the limit (as a script or an older browser may), it is refused before sending.
    set('Reason (exception 1)', 'r'.repeat(201));
    await userEvent.click(screen.getByRole('button', { name: 'Save windows' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription('At most 200 characters'));
    expect(api.calls('PATCH', `/equipment/${ID}`)).toHaveLength(0);
  });

  it('clears them (null) when every window and exception is removed', async () => {
    const nightly = { timezone: 'Europe/Berlin', weeklyPattern: [{ weekday: 1, start: '22:00', end: '04:00' }], exceptions: [] };
    const { api } = setup('planner', { ...compressor, maintenanceWindows: nightly });
    await screen.findByRole('heading', { level: 1 });
    await userEvent.click(within(windowsSection()).getByRole('button', { name: 'Edit windows' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove window 1 (Monday)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save windows' }));

    await waitFor(() => expect(api.calls('PATCH', `/equipment/${ID}`)).toHaveLength(1));
    expect(api.calls('PATCH', `/equipment/${ID}`)[0]!.body).toEqual({ maintenanceWindows: null });
    expect(await within(windowsSection()).findByText(/^None defined/)).toBeInTheDocument();
  });
});

describe("the equipment's maintenance history", () => {
  const history = () => screen.getByRole('table', { name: 'Maintenance history' });

  it('gives no finish date to work that ended without being done', async () => {
    setup();
    await screen.findByText('Check the belt');
    const cancelled = within(history()).getByRole('row', { name: /Check the belt/ });
    expect(cancelled).toHaveTextContent(/Cancelled\s*—$/);
    expect(cancelled).not.toHaveTextContent('2026');
    expect(within(history()).getByRole('row', { name: /Replaced filter/ })).toHaveTextContent('Oct 5, 2026');
  });

  it('is narrowed by outcome, priority, finish dates and technician, as the API takes them', async () => {
    const { api } = setup();
    await screen.findByText('Check the belt');
    await userEvent.click(within(screen.getByRole('region', { name: /Maintenance history/ })).getByRole('button', { name: 'Filter' }));
    const filters = screen.getByRole('region', { name: 'History filters' });
    await userEvent.click(within(filters).getByRole('combobox', { name: 'Outcome' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Cancelled' }));
    await userEvent.keyboard('{Escape}');
    await userEvent.click(within(filters).getByRole('combobox', { name: 'Priority' }));
    await userEvent.click(await screen.findByRole('option', { name: 'High' }));
    await userEvent.keyboard('{Escape}');
    fireEvent.change(within(filters).getByLabelText('Finished from'), { target: { value: '2026-10-01' } });
    fireEvent.change(within(filters).getByLabelText('Finished until'), { target: { value: '2026-10-31' } });
    expect(within(filters).getByRole('combobox', { name: 'Technician' })).toBeInTheDocument();

    await waitFor(() =>
      expect(Object.fromEntries(api.calls('GET', `/equipment/${ID}/history`).at(-1)!.url.searchParams)).toEqual({
        page: '1',
        limit: '10',
        status: 'CANCELLED',
        priority: 'HIGH',
        dateFrom: new Date(2026, 9, 1).toISOString(),
        dateTo: new Date(2026, 9, 31, 23, 59, 59, 999).toISOString(),
      }),
    );
    // An end before the start is said at the field, not sent.
    const sent = api.calls('GET', `/equipment/${ID}/history`).length;
    fireEvent.change(within(filters).getByLabelText('Finished until'), { target: { value: '2026-09-01' } });
    expect(await within(filters).findByText('Must not be before “Finished from”')).toBeInTheDocument();
    expect(api.calls('GET', `/equipment/${ID}/history`)).toHaveLength(sent);
  });
});
