import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '@/lib/format';
import { fakeApi, json, problem } from '@/test/fake-api';
import { EQUIPMENT_ID, TECHNICIAN_ID, technician, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { AssignDialog } from './AssignDialog';

const ana = technician();
const ben = technician({ id: '00000000-0000-4000-8000-0000000000b1', employeeId: 'T-005', firstName: 'Ben', lastName: 'Brandt' });
const cleo = technician({ id: '00000000-0000-4000-8000-0000000000c1', employeeId: 'T-006', firstName: 'Cleo', lastName: 'Costa' });

function setup(overrides: Parameters<typeof workOrder>[0]) {
  const booked = workOrder({
    status: 'SCHEDULED',
    technicianId: TECHNICIAN_ID,
    scheduledStartTime: '2026-11-16T08:00:00.000Z',
    scheduledEndTime: '2026-11-16T10:00:00.000Z',
    version: 3,
    ...overrides,
  });
  const api = fakeApi()
    .on('GET', '/technicians', () => json({ data: [ana, ben, cleo], total: 3, page: 1, limit: 100 }))
    .on('POST', '/work-orders/:id/assign', ({ body }) => json({ ...booked, ...(body as object), version: 4 }));
  const onClose = vi.fn();
  renderScreen(<AssignDialog workOrder={booked} onClose={onClose} onReload={() => undefined} />, { user: userWith('planner') });
  return { api, booked, onClose };
}

describe('assigning crew work', () => {
  it('offers a picker per crew member the work needs, filled with its crew, and sends the crew it shows', async () => {
    const { api, booked, onClose } = setup({ crewSize: 3, crewTechnicianIds: [ben.id] });
    await vi.waitFor(() => expect(screen.getByLabelText('Crew member 1')).toHaveValue('Ben Brandt (T-005)'));
    expect(screen.getByLabelText('Crew member 2')).toHaveValue('');
    await userEvent.click(screen.getByLabelText('Crew member 2'));
    await userEvent.click(await screen.findByRole('option', { name: /Cleo Costa/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    const [call] = api.calls('POST', `/work-orders/${booked.id}/assign`);
    expect(call!.body).toMatchObject({ technicianId: TECHNICIAN_ID, crewTechnicianIds: [ben.id, cleo.id], force: false });
  });

  it('refuses the technician named again as a crew member before sending anything', async () => {
    const { api, booked } = setup({ crewSize: 2, crewTechnicianIds: [] });
    await userEvent.click(await screen.findByLabelText('Crew member 1'));
    await userEvent.click(await screen.findByRole('option', { name: /T-004/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));

    expect(await screen.findByText('names the technician or another member twice')).toBeInTheDocument();
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`)).toEqual([]);
  });

  it('asks before booking crew work short-handed, and books it when the planner says so', async () => {
    const { api, booked, onClose } = setup({ crewSize: 2, crewTechnicianIds: [] });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This work needs a crew of 2; only the technician is chosen. Choose the other crew member, or assign anyway.',
    );
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Assign anyway' }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    const [call] = api.calls('POST', `/work-orders/${booked.id}/assign`);
    // Still checked for conflicts: only the crew was agreed to.
    expect(call!.body).toMatchObject({ technicianId: TECHNICIAN_ID, crewTechnicianIds: [], force: false });
  });

  it('stops asking once the crew is complete', async () => {
    const { api, booked, onClose } = setup({ crewSize: 2, crewTechnicianIds: [] });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));
    expect(await screen.findByText(/needs a crew of 2/)).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Crew member 1'));
    await userEvent.click(await screen.findByRole('option', { name: /Ben Brandt/ }));
    expect(screen.queryByText(/needs a crew of 2/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`)[0]!.body).toMatchObject({ crewTechnicianIds: [ben.id] });
  });

  it('shows no crew picker for work done alone', async () => {
    setup({ crewSize: 1, crewTechnicianIds: [] });
    await screen.findByRole('button', { name: 'Assign' });
    expect(screen.queryByLabelText(/Crew member/)).not.toBeInTheDocument();
  });
});

describe('a booking the server finds in conflict', () => {
  it('names the work holding the machine then, linked, and books anyway only when asked', async () => {
    const { api, booked, onClose } = setup({ crewSize: 1, crewTechnicianIds: [] });
    const holding = {
      workOrderId: '00000000-0000-4000-8000-0000000000e1',
      workOrderNumber: 'WO-000042',
      scheduledStartTime: '2026-11-16T07:00:00.000Z',
      scheduledEndTime: '2026-11-16T09:00:00.000Z',
    };
    api.on('POST', '/work-orders/:id/assign', ({ body }) =>
      (body as { force: boolean }).force
        ? json({ ...booked, version: 4 })
        : problem(409, {
            code: 'schedule_conflict',
            detail: 'EQ-1 (Feed pump) is booked for WO-000042 then; send force: true to assign anyway',
            conflicts: { skills: [], overlaps: [], equipmentOverlaps: [holding] },
          }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This assignment conflicts: EQ-1 (Feed pump) is booked for WO-000042 then.');
    expect(screen.getByRole('link', { name: 'WO-000042' })).toHaveAttribute('href', `/work-orders/${holding.workOrderId}`);
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Assign anyway' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`).map((call) => (call.body as { force: boolean }).force)).toEqual([
      false,
      true,
    ]);
  });
});

describe('a booking out of order or in a held group', () => {
  it('names the predecessor to finish first, the work waiting for it and the work holding a group, before forcing', async () => {
    const { api, booked, onClose } = setup({ crewSize: 1, crewTechnicianIds: [] });
    const first = {
      workOrderId: '00000000-0000-4000-8000-0000000000f1',
      workOrderNumber: 'WO-000012',
      relation: 'predecessor',
      status: 'SCHEDULED',
      scheduledStartTime: '2026-11-16T06:00:00.000Z',
      scheduledEndTime: '2026-11-16T09:00:00.000Z',
    };
    const unbooked = {
      workOrderId: '00000000-0000-4000-8000-0000000000f2',
      workOrderNumber: 'WO-000013',
      relation: 'predecessor',
      status: 'OPEN',
      scheduledStartTime: null,
      scheduledEndTime: null,
    };
    const after = {
      workOrderId: '00000000-0000-4000-8000-0000000000f3',
      workOrderNumber: 'WO-000020',
      relation: 'successor',
      status: 'SCHEDULED',
      scheduledStartTime: '2026-11-16T09:30:00.000Z',
      scheduledEndTime: '2026-11-16T11:00:00.000Z',
    };
    const crane = {
      workOrderId: '00000000-0000-4000-8000-0000000000f4',
      workOrderNumber: 'WO-000031',
      scheduledStartTime: '2026-11-16T07:30:00.000Z',
      scheduledEndTime: '2026-11-16T08:30:00.000Z',
      groups: ['crane'],
    };
    api.on('POST', '/work-orders/:id/assign', ({ body }) =>
      (body as { force: boolean }).force
        ? json({ ...booked, version: 4 })
        : problem(409, {
            code: 'schedule_conflict',
            detail:
              'WO-000031 hold(s) crane then; it must wait for WO-000012, booked to end after it would start; send force: true to assign anyway',
            conflicts: { skills: [], overlaps: [], equipmentOverlaps: [], groupOverlaps: [crane], precedence: [first, unbooked, after] },
          }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));

    const alert = await screen.findByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      `WO-000031 holds crane then (${formatDateTime(crane.scheduledStartTime)} – ${formatDateTime(crane.scheduledEndTime)})`,
      `WO-000012 must finish first (booked to end ${formatDateTime(first.scheduledEndTime)})`,
      'WO-000013 must finish first (not booked yet)',
      `WO-000020 waits for this one (booked to start ${formatDateTime(after.scheduledStartTime)})`,
    ]);
    expect(within(alert).getByRole('link', { name: 'WO-000012' })).toHaveAttribute('href', `/work-orders/${first.workOrderId}`);
    expect(within(alert).getByRole('link', { name: 'WO-000031' })).toHaveAttribute('href', `/work-orders/${crane.workOrderId}`);
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Assign anyway' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`).map((call) => (call.body as { force: boolean }).force)).toEqual([
      false,
      true,
    ]);
  });
});

describe('work that needs its equipment down, booked outside its maintenance windows', () => {
  const press = {
    id: EQUIPMENT_ID,
    equipmentNumber: 'EQ-7',
    name: 'Press line',
    maintenanceWindows: { timezone: 'Europe/Berlin', weeklyPattern: [{ weekday: 6, start: '06:00', end: '14:00' }], exceptions: [] },
  };

  function refusedOutsideWindows(equipment: object) {
    const { api, booked, onClose } = setup({ crewSize: 1, crewTechnicianIds: [], requiresDowntime: true });
    api
      .on('GET', '/equipment/:id', () => json(equipment))
      .on('POST', '/work-orders/:id/assign', ({ body }) =>
        (body as { force: boolean }).force
          ? json({ ...booked, version: 4 })
          : problem(409, {
              code: 'schedule_conflict',
              detail:
                "it needs EQ-7 (Press line) down, but the booking holds 60 min too little of the crew's time inside its maintenance windows; send force: true to assign anyway",
              conflicts: {
                skills: [],
                overlaps: [],
                equipmentOverlaps: [],
                groupOverlaps: [],
                precedence: [],
                maintenanceWindow: { equipmentId: EQUIPMENT_ID, minutesShort: 60 },
              },
            }),
      );
    return { api, booked, onClose };
  }

  it('names the equipment, linked, and the minutes its windows lack, and books anyway only when asked', async () => {
    const { api, booked, onClose } = refusedOutsideWindows(press);
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      "This assignment conflicts: it needs EQ-7 (Press line) down, but the booking holds 60 min too little of the crew's time inside its maintenance windows.",
    );
    const [line] = within(alert).getAllByRole('listitem');
    await vi.waitFor(() =>
      expect(line).toHaveTextContent(
        "Needs EQ-7 down: the booking holds 60 min too little of the crew's time inside its maintenance windows",
      ),
    );
    expect(within(line!).getByRole('link', { name: 'EQ-7' })).toHaveAttribute('href', `/equipment/${EQUIPMENT_ID}`);
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Assign anyway' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`).map((call) => (call.body as { force: boolean }).force)).toEqual([
      false,
      true,
    ]);
  });

  it('says so when the equipment has no maintenance windows at all', async () => {
    refusedOutsideWindows({ ...press, maintenanceWindows: null });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));

    const [line] = within(await screen.findByRole('alert')).getAllByRole('listitem');
    await vi.waitFor(() =>
      expect(line).toHaveTextContent('Needs EQ-7 down: it has no maintenance windows defined, so none of the work can be done'),
    );
  });
});

describe('the booking time', () => {
  it('says an end before the start in the words of the dialog, on End, and sends nothing', async () => {
    const { api, booked } = setup({ crewSize: 1, crewTechnicianIds: [] });
    fireEvent.change(screen.getByLabelText(/^End/), { target: { value: '2026-11-16T07:00' } });
    fireEvent.change(screen.getByLabelText(/^Start/), { target: { value: '2026-11-16T09:00' } });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign' }));

    expect(screen.getByLabelText(/^End/)).toHaveAccessibleDescription('End must be after start');
    expect(api.calls('POST', `/work-orders/${booked.id}/assign`)).toEqual([]);
  });

  it('gives its buttons a thumb-sized height', async () => {
    setup({ crewSize: 1, crewTechnicianIds: [] });
    for (const name of ['Cancel', 'Assign']) expect(getComputedStyle(await screen.findByRole('button', { name })).minHeight).toBe('44px');
  });
});
