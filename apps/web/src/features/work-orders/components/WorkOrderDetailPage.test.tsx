import type { Part, Role, WorkOrder, WorkOrderStatus } from '@msched/contracts';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { WorkOrderDetailPage } from './WorkOrderDetailPage';

/** The detail asks for what the user may see: part lines carry costs, which a requester may not see (403 with them). */
function open(role: Role) {
  const user = userWith(role);
  const request = workOrder({ requesterId: user.id, title: 'Leak under line 2' });
  const api = fakeApi()
    .on('GET', '/work-orders/:id', ({ url }) =>
      role === 'requester' && url.searchParams.get('include')?.split(',').includes('parts')
        ? problem(403, { code: 'forbidden', detail: 'Your role may not see parts and their costs' })
        : json(request),
    )
    .on('GET', '/work-orders/:id/comments', () => json([]))
    .on('GET', '/work-orders/:id/history', () => json([]));
  renderScreen(<WorkOrderDetailPage />, { path: '/work-orders/:workOrderId', url: `/work-orders/${request.id}`, user });
  return { api, request };
}

describe('a work order opened', () => {
  it('by its requester: the request without part lines, which their role may not see', async () => {
    const { api, request } = open('requester');
    expect(await screen.findByRole('heading', { name: `${request.workOrderNumber} · Leak under line 2` })).toBeInTheDocument();
    expect(api.calls('GET', `/work-orders/${request.id}`)[0]!.url.searchParams.get('include')).toBe('technician,equipment,tasks');
  });

  it.each(['planner', 'technician'] as const)('by a %s: with its part lines', async (role) => {
    const { api, request } = open(role);
    expect(await screen.findByRole('heading', { name: `${request.workOrderNumber} · Leak under line 2` })).toBeInTheDocument();
    expect(api.calls('GET', `/work-orders/${request.id}`)[0]!.url.searchParams.get('include')).toBe('technician,equipment,tasks,parts');
  });
});

function openAs(status: WorkOrderStatus) {
  const shown = workOrder({ status });
  fakeApi()
    .on('GET', '/work-orders/:id', () => json(shown))
    .on('GET', '/work-orders/:id/comments', () => json([]))
    .on('GET', '/work-orders/:id/history', () => json([]));
  renderScreen(<WorkOrderDetailPage />, {
    path: '/work-orders/:workOrderId',
    url: `/work-orders/${shown.id}`,
    user: userWith('planner'),
  });
  return shown;
}

describe('the Edit action', () => {
  it.each(['OPEN', 'SCHEDULED', 'IN_PROGRESS', 'ON_HOLD', 'PENDING_APPROVAL'] as const)('is offered on %s work', async (status) => {
    const shown = openAs(status);
    expect(await screen.findByRole('link', { name: 'Edit' })).toHaveAttribute('href', `/work-orders/${shown.id}/edit`);
  });

  it.each(['COMPLETED', 'CLOSED', 'CANCELLED'] as const)('is not offered on %s work, which the server refuses to edit', async (status) => {
    const shown = openAs(status);
    await screen.findByRole('heading', { name: `${shown.workOrderNumber} · ${shown.title}` });
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
  });
});

describe('going from one work order to another', () => {
  const seal: Part = {
    id: '00000000-0000-4000-8000-000000000a01',
    partNumber: 'SEAL-1',
    name: 'Shaft seal',
    description: null,
    unitCost: 3,
    onHand: 10,
    reserved: 0,
    available: 10,
    reorderPoint: 1,
    unit: 'pcs',
    locationId: null,
    version: 1,
    createdAt: '2031-03-03T08:00:00.000Z',
    updatedAt: '2031-03-03T08:00:00.000Z',
  };

  it('starts the other one afresh: no draft, picked part or message of the first carries over', async () => {
    const technician = userWith('technician');
    const mine = { status: 'IN_PROGRESS' as const, technicianId: TECHNICIAN_ID, tasks: [], parts: [] };
    const drain = workOrder({ ...mine, title: 'Drain the tank' });
    const weld = workOrder({ ...mine, title: 'Weld the inlet', predecessorIds: [drain.id] });
    const byId = new Map<string, WorkOrder>([drain, weld].map((entry) => [entry.id, entry]));
    const api = fakeApi()
      .on('GET', '/work-orders/:id', ({ url }) => json(byId.get(url.pathname.split('/').pop()!)))
      .on('GET', '/work-orders/:id/comments', () => json([]))
      .on('GET', '/work-orders/:id/history', () => json([]))
      .on('GET', '/parts', () => json({ data: [seal], total: 1, page: 1, limit: 20 }))
      .on('POST', '/work-orders/:id/parts', ({ url }) =>
        json(
          {
            line: {
              id: crypto.randomUUID(),
              workOrderId: url.pathname.split('/')[4],
              partId: seal.id,
              partNumber: seal.partNumber,
              partName: seal.name,
              quantity: 1,
              status: 'RESERVED',
              unitCost: 3,
              version: 1,
              createdAt: '2031-03-03T08:00:00.000Z',
              updatedAt: '2031-03-03T08:00:00.000Z',
            },
            partOnHand: 10,
            partAvailable: 9,
          },
          201,
        ),
      );
    const { router } = renderScreen(<WorkOrderDetailPage />, {
      path: '/work-orders/:workOrderId',
      url: `/work-orders/${weld.id}`,
      user: technician,
    });
    await screen.findByRole('heading', { name: `${weld.workOrderNumber} · Weld the inlet` });
    await userEvent.type(screen.getByLabelText('Add a comment'), 'Half done');
    await userEvent.type(screen.getByLabelText('New task'), 'Grind the seam');
    await userEvent.click(screen.getByRole('combobox', { name: 'Part' }));
    await userEvent.click(await screen.findByRole('option', { name: /SEAL-1 · Shaft seal/ }));
    await userEvent.clear(screen.getByLabelText('Quantity'));
    await userEvent.type(screen.getByLabelText('Quantity'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    expect(await screen.findByText(/^Reserved 1 × Shaft seal/)).toBeInTheDocument();

    await act(() => router.navigate(`/work-orders/${drain.id}`));
    await screen.findByRole('heading', { name: `${drain.workOrderNumber} · Drain the tank` });
    expect(screen.getByLabelText('Add a comment')).toHaveValue('');
    expect(screen.getByLabelText('New task')).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Part' })).toHaveValue('');
    expect(screen.queryByText(/^Reserved 1 × Shaft seal/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Part' }));
    await userEvent.click(await screen.findByRole('option', { name: /SEAL-1 · Shaft seal/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${drain.id}/parts`)).toHaveLength(1));
    const [there] = api.calls('POST', `/work-orders/${weld.id}/parts`);
    const [here] = api.calls('POST', `/work-orders/${drain.id}/parts`);
    expect(here!.headers.get('idempotency-key')).not.toBe(there!.headers.get('idempotency-key'));
  });
});

describe('its touch targets', () => {
  it('has the assignment and status buttons tall enough for a finger', async () => {
    openAs('OPEN');
    expect(getComputedStyle(await screen.findByRole('button', { name: 'Assign…' })).minHeight).toBe('44px');
    expect(getComputedStyle(screen.getByRole('button', { name: 'Cancel work order' })).minHeight).toBe('44px');
  });
});
