import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { EQUIPMENT_ID, pageOf, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { CreateWorkOrderPage } from './CreateWorkOrderPage';

const pump = { id: EQUIPMENT_ID, equipmentNumber: 'EQ-7', name: 'Feed pump' };
const drain = workOrder({ workOrderNumber: 'WO-000012', title: 'Drain the tank', status: 'SCHEDULED' });

function api() {
  return (
    fakeApi()
      .on('GET', '/equipment', () => json({ data: [pump], total: 1, page: 1, limit: 20 }))
      // Searched by number or title; nothing typed lists nothing here.
      .on('GET', '/work-orders', ({ url }) => {
        const search = url.searchParams.get('search')?.toLowerCase();
        return json(pageOf(search && `${drain.workOrderNumber} ${drain.title}`.toLowerCase().includes(search) ? [drain] : []));
      })
      .on('POST', '/work-orders', ({ body }) => json(workOrder({ id: '00000000-0000-4000-8000-000000000777', ...(body as object) }), 201))
  );
}

const form = () => screen.getByRole('form', { name: 'New work order' });

describe('creating a work order', () => {
  it("shows the contract's messages beside the fields and sends nothing while they stand", async () => {
    const fake = api();
    renderScreen(<CreateWorkOrderPage />, { user: userWith('planner') });
    await userEvent.clear(screen.getByLabelText('Crew size'));
    await userEvent.type(screen.getByLabelText('Crew size'), '5');
    await userEvent.type(screen.getByLabelText('Estimated minutes'), '-10');
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    const title = screen.getByLabelText(/^title/i);
    expect(title).toHaveAccessibleDescription('must not be empty');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('combobox', { name: /equipment/i })).toHaveAccessibleDescription('Choose the equipment');
    expect(screen.getByLabelText('Crew size')).toHaveAccessibleDescription('Between 1 and 3 technicians');
    expect(screen.getByLabelText('Estimated minutes')).toHaveAccessibleDescription('Estimated minutes must be a whole number of 0 or more');
    expect(within(form()).getAllByRole('alert')[0]).toHaveTextContent('Some fields need attention.');
    expect(fake.calls('POST', '/work-orders')).toHaveLength(0);
    // The keyboard lands on the first field to fix.
    await waitFor(() => expect(title).toHaveFocus());
  });

  it('checks each checklist task too, on the line it was typed on, blank lines before it counting', async () => {
    const fake = api();
    renderScreen(<CreateWorkOrderPage />, { user: userWith('planner') });
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    // Longer than the field lets anyone type (an old browser, a script): the contract still says no.
    fireEvent.change(screen.getByLabelText('Task 2'), { target: { value: 'x'.repeat(301) } });
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    const second = screen.getByLabelText('Task 2');
    expect(second).toHaveAttribute('aria-invalid', 'true');
    expect(second).toHaveAccessibleDescription('A task may have at most 300 characters');
    expect(screen.getByLabelText('Task 1')).toHaveAttribute('aria-invalid', 'false');
    expect(fake.calls('POST', '/work-orders')).toHaveLength(0);
  });

  it('takes no more of a task than the contract does, as with the title', async () => {
    api();
    renderScreen(<CreateWorkOrderPage />, { user: userWith('planner') });
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await userEvent.click(screen.getByLabelText('Task 1'));
    await userEvent.paste('x'.repeat(301));
    expect(screen.getByLabelText('Task 1')).toHaveValue('x'.repeat(300));
  });

  it.each([
    ['Estimated minutes', 'minutes not whole', '1.5', 'Estimated minutes must be a whole number of 0 or more'],
    ['Required skills', 'a level above 5', 'welding:9', 'Skill level must be 1 to 5'],
    ['Required skills', 'a level that is no number', 'welding:x', 'Write skills as name:level, e.g. welding:3'],
    ['Required skills', 'a name of 101 characters', `${'w'.repeat(101)}:2`, 'A skill name may have at most 100 characters'],
  ])('says what is wrong with %s (%s) in the words of the form', async (label, _case, typed, message) => {
    const fake = api();
    renderScreen(<CreateWorkOrderPage />, { user: userWith('planner') });
    await fillRequiredFields();
    await userEvent.click(screen.getByLabelText(label));
    await userEvent.paste(typed);
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    const field = screen.getByLabelText(label);
    expect(field).toHaveAccessibleDescription(message);
    await waitFor(() => expect(field).toHaveFocus());
    expect(fake.calls('POST', '/work-orders')).toHaveLength(0);
  });

  it('sends a valid work order once, with an idempotency key, and opens it', async () => {
    const fake = api();
    const { router } = renderScreen(<CreateWorkOrderPage />, { path: '/work-orders/new', user: userWith('planner') });
    await userEvent.type(screen.getByLabelText(/^title/i), '  Seal leaking  ');
    await userEvent.click(screen.getByRole('combobox', { name: /equipment/i }));
    await userEvent.click(await screen.findByRole('option', { name: 'EQ-7 · Feed pump' }));
    await userEvent.type(screen.getByLabelText('Required skills'), 'Welding:3, electrical');
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await userEvent.type(screen.getByLabelText('Task 1'), 'Isolate the pump');
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/work-orders/00000000-0000-4000-8000-000000000777'));
    const [sent] = fake.calls('POST', '/work-orders');
    expect(sent!.body).toEqual({
      title: 'Seal leaking',
      description: null,
      type: 'CORRECTIVE',
      priority: 'MEDIUM',
      equipmentId: EQUIPMENT_ID,
      dueDate: null,
      estimatedDuration: null,
      requiredSkills: [
        { skill: 'welding', minLevel: 3 },
        { skill: 'electrical', minLevel: 1 },
      ],
      crewSize: 1,
      tasks: [{ title: 'Isolate the pump' }],
    });
    expect(sent!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

async function fillRequiredFields() {
  await userEvent.type(screen.getByLabelText(/^title/i), 'Weld the tank inlet');
  await userEvent.click(screen.getByRole('combobox', { name: /equipment/i }));
  await userEvent.click(await screen.findByRole('option', { name: 'EQ-7 · Feed pump' }));
}

async function waitFor12() {
  await userEvent.click(screen.getByRole('combobox', { name: 'Must wait for' }));
  await userEvent.keyboard('drain');
  await userEvent.click(await screen.findByRole('option', { name: 'WO-000012 · Drain the tank' }));
}

describe('conflict groups and the work a new work order must wait for', () => {
  it('sends the groups as a list and the chosen work order, found by search, as a predecessor', async () => {
    const fake = api();
    const { router } = renderScreen(<CreateWorkOrderPage />, { path: '/work-orders/new', user: userWith('planner') });
    await fillRequiredFields();
    await userEvent.type(screen.getByLabelText('Conflict groups'), 'Hot-Work, crane:north, hot-work');
    await waitFor12();
    // The chosen one is a chip with number and title.
    expect(screen.getByRole('button', { name: 'WO-000012 · Drain the tank' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/work-orders/00000000-0000-4000-8000-000000000777'));
    const [sent] = fake.calls('POST', '/work-orders');
    // Lower-cased, each once; the contract decides their order.
    const { conflictGroups } = sent!.body as { conflictGroups: string[] };
    expect([...conflictGroups].sort()).toEqual(['crane:north', 'hot-work']);
    expect(sent!.body).toMatchObject({ predecessorIds: [drain.id] });
    // The search asked the server for unfinished work only.
    const searched = fake.calls('GET', '/work-orders').find((call) => call.url.searchParams.get('search') === 'drain');
    expect(searched!.url.searchParams.get('status')).toBe('OPEN,SCHEDULED,IN_PROGRESS,ON_HOLD');
  });

  it('refuses a group that is not a label, beside the field, and sends nothing', async () => {
    const fake = api();
    renderScreen(<CreateWorkOrderPage />, { user: userWith('planner') });
    await fillRequiredFields();
    await userEvent.type(screen.getByLabelText('Conflict groups'), 'crane:north, hot work');
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    const groups = screen.getByLabelText('Conflict groups');
    expect(groups).toHaveAttribute('aria-invalid', 'true');
    expect(groups).toHaveAccessibleDescription(/^"hot work": a conflict group is a label of letters/);
    expect(fake.calls('POST', '/work-orders')).toHaveLength(0);
    await waitFor(() => expect(groups).toHaveFocus());
  });

  it("shows the server's refusal of a predecessor on the picker, naming it", async () => {
    const fake = api().on('POST', '/work-orders', () =>
      problem(400, { title: 'Invalid input', errors: [{ path: 'predecessorIds.0', message: 'no such work order in your organization' }] }),
    );
    renderScreen(<CreateWorkOrderPage />, { user: userWith('planner') });
    await fillRequiredFields();
    await waitFor12();
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    const picker = screen.getByRole('combobox', { name: 'Must wait for' });
    await waitFor(() => expect(picker).toHaveAccessibleDescription('WO-000012: no such work order in your organization.'));
    expect(picker).toHaveAttribute('aria-invalid', 'true');
    expect(within(form()).getByRole('alert')).toHaveTextContent('Some fields need attention.');
    expect(fake.calls('POST', '/work-orders')).toHaveLength(1);
  });
});

describe('work that needs its equipment down', () => {
  it('sends requiresDowntime when the box is ticked, and says what that does to the booking', async () => {
    const fake = api();
    const { router } = renderScreen(<CreateWorkOrderPage />, { path: '/work-orders/new', user: userWith('planner') });
    await fillRequiredFields();
    const downtime = screen.getByRole('checkbox', { name: 'Needs the equipment down' });
    expect(downtime).not.toBeChecked();
    expect(downtime).toHaveAccessibleDescription("Then it is booked only inside the equipment's maintenance windows.");
    await userEvent.click(downtime);
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/work-orders/00000000-0000-4000-8000-000000000777'));
    const [sent] = fake.calls('POST', '/work-orders');
    expect(sent!.body).toMatchObject({ title: 'Weld the tank inlet', requiresDowntime: true });
  });
});

describe('a request raised by someone who does not plan the work', () => {
  it.each(['requester', 'technician'] as const)('shows a %s only what a request needs, and sends it', async (role) => {
    const fake = api();
    const { router } = renderScreen(<CreateWorkOrderPage />, { path: '/work-orders/new', user: userWith(role) });
    for (const label of ['Crew size', 'Required skills', 'Estimated minutes', 'Conflict groups', 'Type'])
      expect(screen.queryByLabelText(label)).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Must wait for' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Needs the equipment down' })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Checklist' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add task' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Description')).toBeInTheDocument();
    expect(screen.getByLabelText('Due')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Priority' })).toBeInTheDocument();

    await fillRequiredFields();
    await userEvent.click(screen.getByRole('button', { name: 'Create work order' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/work-orders/00000000-0000-4000-8000-000000000777'));
    expect(fake.calls('POST', '/work-orders')[0]!.body).toMatchObject({ title: 'Weld the tank inlet', equipmentId: EQUIPMENT_ID });
  });

  it('gives the form buttons a thumb-sized height', () => {
    api();
    renderScreen(<CreateWorkOrderPage />, { user: userWith('requester') });
    expect(getComputedStyle(screen.getByRole('button', { name: 'Create work order' })).minHeight).toBe('44px');
    expect(getComputedStyle(screen.getByRole('link', { name: 'Cancel' })).minHeight).toBe('44px');
  });
});
