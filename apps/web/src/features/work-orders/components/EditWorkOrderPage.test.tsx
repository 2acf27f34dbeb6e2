import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { EQUIPMENT_ID, userWith, workOrder } from '@/test/fixtures';
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
    expect(alert).toHaveTextContent('Someone else changed this work order: reload or merge.');
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
