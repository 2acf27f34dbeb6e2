import { type AuthUser, WORK_ORDER_STATUSES, type WorkOrderStatus, allowedNextStates } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { StatusActions } from './StatusActions';

const planner = userWith('planner');
const manager = userWith('manager');
const technician = userWith('technician');
const requester = userWith('requester');

function offered(status: WorkOrderStatus, user: AuthUser, ownership: { technicianId?: string | null; requesterId?: string | null } = {}) {
  fakeApi();
  const view = renderScreen(
    <StatusActions
      workOrder={workOrder({ status, technicianId: null, requesterId: null, ...ownership })}
      user={user}
      onSchedule={() => undefined}
      onReload={() => undefined}
    />,
    { user },
  );
  const buttons = screen.queryAllByRole('button').map((button) => button.dataset.nextStatus);
  view.unmount();
  return buttons;
}

describe('the status buttons follow the state machine of the contract', () => {
  it('offers a planner exactly the transitions planners may make, from every state', () => {
    for (const status of WORK_ORDER_STATUSES) {
      expect(offered(status, planner, { technicianId: TECHNICIAN_ID }), status).toEqual(allowedNextStates(status, ['planner']));
    }
  });

  it('lets a manager approve, close and reopen finished work', () => {
    expect(offered('PENDING_APPROVAL', manager)).toEqual(['COMPLETED', 'IN_PROGRESS']);
    expect(offered('COMPLETED', manager)).toEqual(['CLOSED', 'IN_PROGRESS']);
    expect(offered('CLOSED', manager)).toEqual([]);
  });

  it('lets a technician work only on their own assignment, and never plan it', () => {
    expect(offered('SCHEDULED', technician, { technicianId: TECHNICIAN_ID })).toEqual(['IN_PROGRESS', 'ON_HOLD']);
    expect(offered('IN_PROGRESS', technician, { technicianId: TECHNICIAN_ID })).toEqual(['ON_HOLD', 'PENDING_APPROVAL', 'COMPLETED']);
    expect(offered('ON_HOLD', technician, { technicianId: TECHNICIAN_ID })).toEqual(['IN_PROGRESS']);
    expect(offered('SCHEDULED', technician, { technicianId: '00000000-0000-4000-8000-00000000abcd' })).toEqual([]);
  });

  it('lets a requester cancel only their own open request', () => {
    expect(offered('OPEN', requester, { requesterId: requester.id })).toEqual(['CANCELLED']);
    expect(offered('OPEN', requester)).toEqual([]);
    expect(offered('SCHEDULED', requester, { requesterId: requester.id })).toEqual([]);
  });

  it('sends the transition against the version on screen (If-Match)', async () => {
    const api = fakeApi().on('POST', '/work-orders/:id/status', ({ body }) =>
      json(workOrder({ status: (body as { status: WorkOrderStatus }).status, version: 8 })),
    );
    const target = workOrder({ status: 'SCHEDULED', technicianId: TECHNICIAN_ID, version: 7 });
    renderScreen(<StatusActions workOrder={target} user={technician} onReload={() => undefined} />, { user: technician });
    await userEvent.click(screen.getByRole('button', { name: 'Start work' }));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${target.id}/status`)).toHaveLength(1));
    const [sent] = api.calls('POST', `/work-orders/${target.id}/status`);
    expect(sent!.body).toEqual({ status: 'IN_PROGRESS' });
    expect(sent!.headers.get('if-match')).toBe('"7"');
  });

  it('asks for failure codes when the work is completed', async () => {
    const api = fakeApi().on('POST', '/work-orders/:id/status', () => json(workOrder({ status: 'COMPLETED' })));
    const target = workOrder({ status: 'IN_PROGRESS', technicianId: TECHNICIAN_ID, version: 3 });
    renderScreen(<StatusActions workOrder={target} user={technician} onReload={() => undefined} />, { user: technician });
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));
    await userEvent.type(screen.getByLabelText('Failure mode'), 'LEAK');
    await userEvent.type(screen.getByLabelText('Remedy'), 'REPLACED SEAL');
    await userEvent.click(screen.getByRole('dialog').querySelector('button[type=submit]')!);
    await waitFor(() => expect(api.calls('POST', `/work-orders/${target.id}/status`)).toHaveLength(1));
    expect(api.calls('POST', `/work-orders/${target.id}/status`)[0]!.body).toEqual({
      status: 'COMPLETED',
      completion: { failureMode: 'LEAK', remedy: 'REPLACED SEAL', firstTimeFix: true },
    });
  });

  it('explains a 412 (someone moved it first) and reloads on request', async () => {
    fakeApi().on('POST', '/work-orders/:id/status', () => problem(412, { code: 'precondition_failed' }));
    const reload = vi.fn();
    renderScreen(
      <StatusActions workOrder={workOrder({ status: 'OPEN' })} user={planner} onSchedule={() => undefined} onReload={reload} />,
      {
        user: planner,
      },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel work order' }));
    await userEvent.click(screen.getByRole('dialog').querySelector('button[type=submit]')!);
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this work order: reload or merge.');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledOnce();
  });
});
