import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { problem } from '@/test/fake-api';
import { BOARD_URL, at, boardApi, booked, dataTransfer, dayShifts, technician } from '../testing/board-fixtures';
import { SchedulingBoardPage } from './SchedulingBoardPage';

const ana = technician('Ana');
const ben = technician('Ben');
const pump = booked(ana.id, at(9), at(10, 30), { title: 'Replace pump seal', priority: 'HIGH' });
const valve = workOrder({ title: 'Inspect valve', priority: 'CRITICAL', estimatedDuration: 90 });

function setup(role: 'planner' | 'manager' | 'admin' | 'technician' | 'requester' = 'planner', url = BOARD_URL) {
  const fake = boardApi({
    technicians: [ana, ben],
    work: [pump, valve],
    availability: {
      [ben.id]: dayShifts(ben.id, [{ start: at(0), end: at(0, 0, 17), available: false, overtime: false, reason: 'Annual leave' }]),
    },
  });
  renderScreen(<SchedulingBoardPage />, { path: '/schedule', url, user: userWith(role) });
  return fake;
}

const slot = (employeeId: string, hour: string) => screen.getByTestId(`board-slot-${employeeId}-2026-11-16T${hour}`);
const row = (employeeId: string) => screen.getByTestId(`board-row-${employeeId}`);

function drag(source: HTMLElement, target: HTMLElement) {
  const transfer = dataTransfer();
  fireEvent.dragStart(source, { dataTransfer: transfer });
  fireEvent.dragOver(target, { dataTransfer: transfer });
  fireEvent.drop(target, { dataTransfer: transfer });
  fireEvent.dragEnd(source, { dataTransfer: transfer });
}

describe('the scheduling board', () => {
  it('shows technicians as rows with their booked work, the backlog beside them, and who is away', async () => {
    setup();
    const bar = await within(await screen.findByTestId(`board-row-${ana.employeeId}`)).findByTestId(`board-bar-${pump.workOrderNumber}`);
    expect(bar).toHaveAccessibleName(new RegExp(`^${pump.workOrderNumber} Replace pump seal ?, HIGH, scheduled .* with Ana Tester$`));
    expect(
      await screen.findByRole('button', { name: new RegExp(`^${valve.workOrderNumber} · Critical\\s*Inspect valve.* ?, unscheduled$`) }),
    ).toHaveAttribute('data-testid', `backlog-item-${valve.workOrderNumber}`);
    expect(slot(ana.employeeId, '00:00')).toBeInTheDocument();
    expect(slot(ana.employeeId, '23:00')).toBeInTheDocument();
    expect(await within(row(ben.employeeId)).findByText(/Away: .*\(Annual leave\)/)).toBeInTheDocument();
  });

  it('books a backlog item dropped on an hour for its estimated length, and takes it off the backlog', async () => {
    const { api } = setup();
    const item = await screen.findByTestId(`backlog-item-${valve.workOrderNumber}`);
    await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    drag(item, slot(ben.employeeId, '11:00'));

    await waitFor(() => expect(api.calls('POST', `/work-orders/${valve.id}/assign`)).toHaveLength(1));
    const [sent] = api.calls('POST', `/work-orders/${valve.id}/assign`);
    expect(sent!.body).toEqual({ technicianId: ben.id, scheduledStartTime: at(11), scheduledEndTime: at(12, 30) });
    expect(sent!.headers.get('if-match')).toBe(`"${valve.version}"`);
    expect(await within(row(ben.employeeId)).findByTestId(`board-bar-${valve.workOrderNumber}`)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId(`backlog-item-${valve.workOrderNumber}`)).not.toBeInTheDocument());
  });

  it('on a week, starts work dropped on a half-day at the technician’s first working minute in it', async () => {
    const { api } = setup('planner', '/schedule?view=week&date=2026-11-18');
    const item = await screen.findByTestId(`backlog-item-${valve.workOrderNumber}`);
    await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    // Ana works 07:00–15:00: the Tuesday morning half-day starts her work at 07:00.
    drag(item, await screen.findByTestId(`board-slot-${ana.employeeId}-2026-11-17T00:00`));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${valve.id}/assign`)).toHaveLength(1));
    expect(api.calls('POST', `/work-orders/${valve.id}/assign`)[0]!.body).toMatchObject({
      scheduledStartTime: at(7, 0, 17),
      scheduledEndTime: at(8, 30, 17),
    });
  });

  it('moves a bar dragged to another technician and hour, keeping its length', async () => {
    const { api } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    drag(bar, slot(ben.employeeId, '13:00'));

    await waitFor(() => expect(api.calls('POST', `/work-orders/${pump.id}/assign`)).toHaveLength(1));
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`)[0]!.body).toEqual({
      technicianId: ben.id,
      scheduledStartTime: at(13),
      scheduledEndTime: at(14, 30),
    });
    expect(await within(row(ben.employeeId)).findByTestId(`board-bar-${pump.workOrderNumber}`)).toBeInTheDocument();
    expect(within(row(ana.employeeId)).queryByTestId(`board-bar-${pump.workOrderNumber}`)).not.toBeInTheDocument();
  });

  it('puts a refused move back and shows the server’s reason next to the bar, with a way to override it', async () => {
    const { api, refuse } = setup();
    refuse('Ben Tester lacks welding level 3 (has 0); overlaps WO-000077; send force: true to assign anyway');
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    drag(bar, slot(ben.employeeId, '13:00'));

    const note = await screen.findByTestId(`board-conflict-${pump.workOrderNumber}`);
    expect(note).toHaveTextContent('Ben Tester lacks welding level 3 (has 0); overlaps WO-000077');
    expect(note).not.toHaveTextContent('force');
    // Back where it was, not silently accepted.
    expect(within(row(ana.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`)).toBeInTheDocument();
    expect(within(row(ben.employeeId)).queryByTestId(`board-bar-${pump.workOrderNumber}`)).not.toBeInTheDocument();
    expect(within(row(ana.employeeId)).getByTestId(`board-conflict-${pump.workOrderNumber}`)).toBe(note);

    refuse(null);
    await userEvent.click(within(note).getByRole('button', { name: 'Assign anyway' }));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${pump.id}/assign`)).toHaveLength(2));
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`)[1]!.body).toEqual({
      technicianId: ben.id,
      scheduledStartTime: at(13),
      scheduledEndTime: at(14, 30),
      force: true,
    });
    expect(await within(row(ben.employeeId)).findByTestId(`board-bar-${pump.workOrderNumber}`)).toBeInTheDocument();
  });

  it('moves a crew member’s bar with its lead’s before the server answers, and back when the move is refused', async () => {
    const cleo = technician('Cleo');
    const lift = booked(ana.id, at(9), at(10), { title: 'Lift gearbox', crewTechnicianIds: [cleo.id] });
    const { api } = boardApi({ technicians: [ana, ben, cleo], work: [lift] });
    renderScreen(<SchedulingBoardPage />, { path: '/schedule', url: BOARD_URL, user: userWith('planner') });
    const span = (bar: HTMLElement) => /scheduled (.*) with/.exec(bar.title)?.[1];
    const crewBar = () => within(row(cleo.employeeId)).getByTestId(`board-crew-bar-${lift.workOrderNumber}`);
    const leadBar = await within(await screen.findByTestId(`board-row-${ana.employeeId}`)).findByTestId(
      `board-bar-${lift.workOrderNumber}`,
    );
    await waitFor(() => expect(crewBar()).toBeInTheDocument());
    const before = span(crewBar());
    expect(before).toBe(span(leadBar));
    // The crew member's bar is not a handle of its own.
    expect(crewBar()).not.toHaveAttribute('draggable', 'true');

    let answer: (response: Response) => void = () => undefined;
    api.on('POST', '/work-orders/:id/assign', () => new Promise<Response>((resolve) => (answer = resolve)));
    drag(leadBar, slot(ana.employeeId, '13:00'));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${lift.id}/assign`)).toHaveLength(1));
    // While the server thinks, both bars already show the new hour.
    await waitFor(() => expect(span(crewBar())).not.toBe(before));
    expect(span(crewBar())).toBe(span(within(row(ana.employeeId)).getByTestId(`board-bar-${lift.workOrderNumber}`)));

    await act(async () => answer(problem(409, { detail: 'Cleo Tester is on leave', code: 'assignment_conflict' })));
    await waitFor(() => expect(span(crewBar())).toBe(before));
  });

  it('moves a focused bar with the arrow keys and saves it on Enter; Escape puts it back', async () => {
    const { api } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    act(() => bar.focus());
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}');
    const nudged = within(row(ben.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`);
    expect(nudged).toHaveFocus();
    expect(nudged).toHaveAccessibleName(/not saved yet$/);
    expect(screen.getByTestId('board-announcer')).toHaveTextContent(/Enter saves, Escape puts it back/);
    await userEvent.keyboard('{Escape}');
    expect(within(row(ana.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`)).toHaveFocus();
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`)).toHaveLength(0);

    await userEvent.keyboard('{ArrowLeft}{ArrowDown}{Enter}');
    await waitFor(() => expect(api.calls('POST', `/work-orders/${pump.id}/assign`)).toHaveLength(1));
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`)[0]!.body).toEqual({
      technicianId: ben.id,
      scheduledStartTime: at(8, 30),
      scheduledEndTime: at(10),
    });
    await waitFor(() => expect(within(row(ben.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`)).toHaveFocus());
  });

  it('schedules with the Move dialog from the keyboard, and shows the server’s refusal there', async () => {
    const { api, refuse } = setup();
    const item = await screen.findByTestId(`backlog-item-${valve.workOrderNumber}`);
    act(() => item.focus());
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: `Schedule ${valve.workOrderNumber}` });
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Technician' }));
    await userEvent.click(await screen.findByRole('option', { name: `Ben Tester (${ben.employeeId})` }));
    fireEvent.change(within(dialog).getByLabelText(/Start/), { target: { value: '2026-11-16T08:15' } });
    refuse('overlaps WO-000042; send force: true to assign anyway');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The server did not accept this: overlaps WO-000042');
    expect(api.calls('POST', `/work-orders/${valve.id}/assign`)[0]!.body).toEqual({
      technicianId: ben.id,
      scheduledStartTime: at(8, 15),
      scheduledEndTime: at(9, 45),
    });
    refuse(null);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign anyway' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('POST', `/work-orders/${valve.id}/assign`)[1]!.body).toMatchObject({ force: true });
  });

  it('lets admins look without moving work or running the optimizer', async () => {
    setup('admin');
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    expect(bar).toHaveAttribute('role', 'link');
    expect(bar).toHaveAttribute('draggable', 'false');
    expect(await screen.findByTestId(`backlog-item-${valve.workOrderNumber}`)).not.toHaveAttribute('role');
    expect(screen.queryByRole('button', { name: 'Run optimizer' })).not.toBeInTheDocument();
    expect(screen.getByText(/viewing only/)).toBeInTheDocument();
  });

  it('offers managers the optimizer with a time limit', async () => {
    setup('manager');
    expect(await screen.findByRole('button', { name: 'Run optimizer' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Time limit (seconds)' })).toHaveValue(10);
  });

  it('shows technicians no board at all', () => {
    const { api } = setup('technician');
    expect(screen.getByText(/The scheduling board is for planners and managers/)).toHaveTextContent('Your own work is under “My work”.');
    expect(api.requests).toHaveLength(0);
  });

  it('sends requesters, who have no “My work”, to their requests under “Work orders”', () => {
    setup('requester');
    const note = screen.getByText(/The scheduling board is for planners and managers/);
    expect(note).toHaveTextContent('The work you requested is under “Work orders”.');
    expect(note).not.toHaveTextContent('My work');
  });
});

describe('when someone else changed the work first (412)', () => {
  it('asks the rows again (even with the real-time channel down), says so, and the next move sends the new version', async () => {
    const { api, changeElsewhere } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    changeElsewhere(pump.id, { title: 'Replace pump seal and gasket' });
    const asked = api.calls('GET', `/technicians/${ana.id}/schedule`).length;
    drag(bar, slot(ben.employeeId, '13:00'));

    const note = await screen.findByTestId(`board-conflict-${pump.workOrderNumber}`);
    expect(note).toHaveTextContent(
      'someone else changed it meanwhile. The board now shows their version: move it again if it still needs to.',
    );
    expect(within(note).queryByRole('button', { name: 'Assign anyway' })).not.toBeInTheDocument();
    await waitFor(() => expect(api.calls('GET', `/technicians/${ana.id}/schedule`).length).toBeGreaterThan(asked));
    expect(await within(row(ana.employeeId)).findByText('Replace pump seal and gasket')).toBeInTheDocument();

    drag(within(row(ana.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`), slot(ben.employeeId, '13:00'));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${pump.id}/assign`)).toHaveLength(2));
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`).map((call) => call.headers.get('if-match'))).toEqual([
      `"${pump.version}"`,
      `"${pump.version + 1}"`,
    ]);
    expect(await within(row(ben.employeeId)).findByTestId(`board-bar-${pump.workOrderNumber}`)).toBeInTheDocument();
  });

  it('offers Reload in the Move dialog, then moves the newest version', async () => {
    const { api, changeElsewhere } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    act(() => bar.focus());
    await userEvent.keyboard(' ');
    const dialog = await screen.findByRole('dialog', { name: `Move ${pump.workOrderNumber}` });
    changeElsewhere(pump.id);
    fireEvent.change(within(dialog).getByLabelText(/Start/), { target: { value: '2026-11-16T12:00' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      `Someone else changed ${pump.workOrderNumber} since the board showed it. Reload to see their version, then move it again.`,
    );
    expect(alert).not.toHaveTextContent('merge');
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument());
    // The Reload button is gone: the keyboard is on Move, ready to send again.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Move' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`).map((call) => call.headers.get('if-match'))).toEqual([
      `"${pump.version}"`,
      `"${pump.version + 1}"`,
    ]);
  });
});

describe('the keyboard after the Move dialog', () => {
  it('lands on the new bar when backlog work is scheduled with the dialog (its item is gone)', async () => {
    setup();
    const item = await screen.findByTestId(`backlog-item-${valve.workOrderNumber}`);
    act(() => item.focus());
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: `Schedule ${valve.workOrderNumber}` });
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Technician' }));
    await userEvent.click(await screen.findByRole('option', { name: `Ben Tester (${ben.employeeId})` }));
    fireEvent.change(within(dialog).getByLabelText(/Start/), { target: { value: '2026-11-16T08:00' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(within(row(ben.employeeId)).getByTestId(`board-bar-${valve.workOrderNumber}`)).toHaveFocus());
  });

  it('stays on the bar moved to another technician with the dialog', async () => {
    setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    act(() => bar.focus());
    await userEvent.keyboard(' ');
    const dialog = await screen.findByRole('dialog', { name: `Move ${pump.workOrderNumber}` });
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Technician' }));
    await userEvent.click(await screen.findByRole('option', { name: `Ben Tester (${ben.employeeId})` }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(within(row(ben.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`)).toHaveFocus());
  });
});

describe('searches and links the API refuses', () => {
  it('stops the search boxes at 200 characters, and says what is wrong with a longer one from a link', async () => {
    setup('planner', `${BOARD_URL}&q=${'a'.repeat(205)}`);
    const technicians = screen.getByRole('region', { name: 'Technicians' });
    expect(await within(technicians).findByRole('alert')).toHaveTextContent('Search is limited to 200 characters.');
    expect(screen.getByRole('textbox', { name: 'Search technicians' })).toHaveAttribute('maxlength', '200');
    const backlogSearch = screen.getByRole('textbox', { name: 'Search backlog' });
    expect(backlogSearch).toHaveAttribute('maxlength', '200');
    // Past the limit all the same (a script, an older browser): the backlog says what is wrong too.
    fireEvent.change(backlogSearch, { target: { value: 'b'.repeat(205) } });
    const backlog = screen.getByRole('region', { name: /^Backlog/ });
    expect(await within(backlog).findByRole('alert')).toHaveTextContent('Search is limited to 200 characters.');
  });

  it('says an optimizer run in the link does not exist, rather than which field is wrong', async () => {
    const { api } = setup('planner', `${BOARD_URL}&run=not-a-run`);
    api.on('GET', '/schedules/runs/:runId', () =>
      problem(400, { title: 'Invalid input', errors: [{ path: 'runId', message: 'Invalid UUID' }] }),
    );
    const optimizer = await screen.findByRole('region', { name: 'Optimizer' });
    expect(await within(optimizer).findByRole('alert')).toHaveTextContent('This optimizer run does not exist or the link is cut.');
  });
});
