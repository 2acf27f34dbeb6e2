import type { Role } from '@msched/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith, workOrder } from '@/test/fixtures';
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
