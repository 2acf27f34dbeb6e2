import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { EQUIPMENT_ID, pageOf, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { EditWorkOrderPage } from './EditWorkOrderPage';

const equipment = { id: EQUIPMENT_ID, equipmentNumber: 'EQ-7', name: 'Feed pump' };

function setup() {
  let current = workOrder({ title: 'Seal leaking', description: 'Drips under the pump', priority: 'MEDIUM', version: 4 });
  const api = fakeApi()
    .on('GET', '/work-orders/:id', () => json({ ...current, equipment }))
    .on('GET', '/equipment', () => json({ data: [equipment], total: 1, page: 1, limit: 20 }))
    // Someone else saved version 5 in the meantime: our If-Match "4" no longer holds.
    .on('PATCH', '/work-orders/:id', ({ headers }) =>
      headers.get('if-match') === `"${current.version}"` ? json(current) : problem(412, { code: 'precondition_failed' }),
    );
  const someoneElseSaves = () => {
    current = { ...current, description: 'Seal replaced last month', priority: 'HIGH', version: 5 };
  };
  renderScreen(<EditWorkOrderPage />, {
    path: '/work-orders/:workOrderId/edit',
    url: `/work-orders/${current.id}/edit`,
    user: userWith('planner'),
  });
  return { api, id: current.id, someoneElseSaves };
}

describe('editing a work order someone else changed', () => {
  it('is refused with 412 and says so, offering to reload', async () => {
    const { api, id, someoneElseSaves } = setup();
    const title = await screen.findByLabelText(/^title/i);
    await userEvent.clear(title);
    await userEvent.type(title, 'Seal leaking badly');
    someoneElseSaves();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Someone else changed this work order meanwhile. Reload to see their version, or merge your changes into it.',
    );
    const [patch] = api.calls('PATCH', `/work-orders/${id}`);
    expect(patch!.headers.get('if-match')).toBe('"4"');
    // Only what the user changed is sent.
    expect(patch!.body).toEqual({ title: 'Seal leaking badly' });

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByLabelText('Description')).toHaveValue('Seal replaced last month'));
    expect(screen.getByLabelText(/^title/i)).toHaveValue('Seal leaking');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('merges: the fields the user changed, on top of the newest version, saved against it', async () => {
    const { api, id, someoneElseSaves } = setup();
    const title = await screen.findByLabelText(/^title/i);
    await userEvent.clear(title);
    await userEvent.type(title, 'Seal leaking badly');
    someoneElseSaves();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Merge my changes' }));
    await waitFor(() => expect(screen.getByLabelText('Description')).toHaveValue('Seal replaced last month'));
    expect(screen.getByLabelText(/^title/i)).toHaveValue('Seal leaking badly');

    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.calls('PATCH', `/work-orders/${id}`)).toHaveLength(2));
    const retried = api.calls('PATCH', `/work-orders/${id}`)[1]!;
    expect(retried.headers.get('if-match')).toBe('"5"');
    expect(retried.body).toEqual({ title: 'Seal leaking badly' });
  });
});

describe('editing what a work order waits for and holds', () => {
  const drain = workOrder({ workOrderNumber: 'WO-000012', title: 'Drain the tank' });
  const goneId = '00000000-0000-4000-8000-0000000000d0';
  const weld = workOrder({ title: 'Weld the inlet', predecessorIds: [drain.id, goneId], conflictGroups: ['hot-work'], version: 2 });

  function setupWaiting() {
    const api = fakeApi()
      .on('GET', '/work-orders/:id', ({ url }) => {
        const id = url.pathname.split('/').pop();
        if (id === weld.id) return json({ ...weld, equipment });
        return id === drain.id ? json(drain) : problem(404, { code: 'not_found' });
      })
      .on('GET', '/work-orders', () => json(pageOf([])))
      .on('GET', '/equipment', () => json({ data: [equipment], total: 1, page: 1, limit: 20 }))
      .on('PATCH', '/work-orders/:id', () =>
        problem(400, {
          title: 'Invalid input',
          errors: [{ path: 'predecessorIds.0', message: 'WO-000012 already waits for this work order: the order would be circular' }],
        }),
      );
    renderScreen(<EditWorkOrderPage />, {
      path: '/work-orders/:workOrderId/edit',
      url: `/work-orders/${weld.id}/edit`,
      user: userWith('planner'),
    });
    return api;
  }

  it('names the predecessors, a deleted one plainly, and sends the list and groups that replace the old ones', async () => {
    const api = setupWaiting();
    const picker = await screen.findByRole('combobox', { name: 'Must wait for' });
    expect(await screen.findByRole('button', { name: 'WO-000012 · Drain the tank' })).toBeInTheDocument();
    const gone = await screen.findByRole('button', { name: 'A deleted or hidden work order' });
    gone.focus();
    await userEvent.keyboard('{Delete}');
    expect(screen.queryByRole('button', { name: 'A deleted or hidden work order' })).not.toBeInTheDocument();
    const groups = screen.getByLabelText('Conflict groups');
    expect(groups).toHaveValue('hot-work');
    await userEvent.type(groups, ', Zone/B2');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api.calls('PATCH', `/work-orders/${weld.id}`)).toHaveLength(1));
    expect(api.calls('PATCH', `/work-orders/${weld.id}`)[0]!.body).toEqual({
      conflictGroups: ['hot-work', 'zone/b2'],
      predecessorIds: [drain.id],
    });
    // The server's refusal lands on the picker, naming the work order it is about.
    await waitFor(() =>
      expect(picker).toHaveAccessibleDescription('WO-000012: WO-000012 already waits for this work order: the order would be circular.'),
    );
  });
});

describe('editing whether a work order needs its equipment down', () => {
  it('shows the stored answer and sends only its change', async () => {
    const shutdown = workOrder({ title: 'Replace the coupling', requiresDowntime: true, version: 2 });
    const api = fakeApi()
      .on('GET', '/work-orders/:id', () => json({ ...shutdown, equipment }))
      .on('GET', '/work-orders', () => json(pageOf([])))
      .on('GET', '/equipment', () => json({ data: [equipment], total: 1, page: 1, limit: 20 }))
      .on('PATCH', '/work-orders/:id', ({ body }) => json({ ...shutdown, ...(body as object), version: 3 }));
    renderScreen(<EditWorkOrderPage />, {
      path: '/work-orders/:workOrderId/edit',
      url: `/work-orders/${shutdown.id}/edit`,
      user: userWith('planner'),
    });
    const downtime = await screen.findByRole('checkbox', { name: 'Needs the equipment down' });
    expect(downtime).toBeChecked();
    await userEvent.click(downtime);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api.calls('PATCH', `/work-orders/${shutdown.id}`)).toHaveLength(1));
    const [patch] = api.calls('PATCH', `/work-orders/${shutdown.id}`);
    expect(patch!.headers.get('if-match')).toBe('"2"');
    expect(patch!.body).toEqual({ requiresDowntime: false });
  });
});

describe('who may edit a work order, and which', () => {
  it.each(['technician', 'requester'] as const)(
    'tells a %s opening the address that editing is for planning staff, and loads nothing',
    async (role) => {
      const shown = workOrder({ title: 'Seal leaking' });
      const api = fakeApi().on('GET', '/work-orders/:id', () => json(shown));
      renderScreen(<EditWorkOrderPage />, {
        path: '/work-orders/:workOrderId/edit',
        url: `/work-orders/${shown.id}/edit`,
        user: userWith(role),
      });

      expect(await screen.findByRole('heading', { name: 'Edit work order' })).toBeInTheDocument();
      expect(screen.getByText(/edited by planners, managers and administrators/)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
      expect(api.requests).toEqual([]);
    },
  );

  it('says a mistyped address names no work order, as its own page does', async () => {
    fakeApi().on('GET', '/work-orders/:id', () =>
      problem(400, { title: 'Invalid input', errors: [{ path: 'id', message: 'Invalid UUID' }] }),
    );
    renderScreen(<EditWorkOrderPage />, {
      path: '/work-orders/:workOrderId/edit',
      url: '/work-orders/abc/edit',
      user: userWith('planner'),
    });

    // The words are lib/problem's, as on the work order's own page.
    expect(await screen.findByRole('alert')).toHaveTextContent(/^This work order does not exist/);
    expect(screen.queryByText(/Some fields need attention/)).not.toBeInTheDocument();
  });

  it('gives its buttons a thumb-sized height', async () => {
    setup();
    await screen.findByLabelText(/^title/i);
    expect(getComputedStyle(screen.getByRole('button', { name: 'Save changes' })).minHeight).toBe('44px');
    expect(getComputedStyle(screen.getByRole('link', { name: 'Cancel' })).minHeight).toBe('44px');
  });
});
