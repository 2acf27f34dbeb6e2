import { type AuthUser, WORK_ORDER_STATUSES, type WorkOrderStatus, allowedNextStates } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { useGetWorkOrderQuery } from '../api/get-work-order';
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

  it('explains a 412 (someone moved it first) in the dialog, keeps the reason typed, and reloads on request', async () => {
    fakeApi().on('POST', '/work-orders/:id/status', () => problem(412, { code: 'precondition_failed' }));
    const reload = vi.fn();
    renderScreen(
      <StatusActions workOrder={workOrder({ status: 'OPEN' })} user={planner} onSchedule={() => undefined} onReload={reload} />,
      {
        user: planner,
      },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel work order' }));
    await userEvent.type(screen.getByLabelText('Reason'), 'Duplicate of WO-000031');
    await userEvent.click(screen.getByRole('dialog').querySelector('button[type=submit]')!);
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^Someone else changed this work order/);
    expect(within(dialog).getByLabelText('Reason')).toHaveValue('Duplicate of WO-000031');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledOnce();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('keeps the completion typed and shows why when the server refuses to complete', async () => {
    const refusal = '2 checklist task(s) are not done: mark them DONE or SKIPPED first';
    const api = fakeApi().on('POST', '/work-orders/:id/status', () => problem(409, { code: 'invalid_transition', detail: refusal }));
    const target = workOrder({ status: 'IN_PROGRESS', technicianId: TECHNICIAN_ID, version: 3 });
    renderScreen(<StatusActions workOrder={target} user={technician} onReload={() => undefined} />, { user: technician });
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));
    await userEvent.type(screen.getByLabelText('Failure mode'), 'LEAK');
    await userEvent.type(screen.getByLabelText('Remedy'), 'REPLACED SEAL');
    await userEvent.click(screen.getByRole('dialog').querySelector('button[type=submit]')!);
    await waitFor(() => expect(api.calls('POST', `/work-orders/${target.id}/status`)).toHaveLength(1));

    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(refusal);
    expect(within(dialog).getByLabelText('Failure mode')).toHaveValue('LEAK');
    expect(within(dialog).getByLabelText('Remedy')).toHaveValue('REPLACED SEAL');
  });

  it('asks before closing, which cannot be undone, under a name no other Close button has', async () => {
    const api = fakeApi().on('POST', '/work-orders/:id/status', () => json(workOrder({ status: 'CLOSED' })));
    const target = workOrder({ status: 'COMPLETED', version: 6 });
    renderScreen(<StatusActions workOrder={target} user={manager} onReload={() => undefined} />, { user: manager });
    expect(screen.queryByRole('button', { name: 'Close' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close work order' }));
    const dialog = screen.getByRole('dialog', { name: 'Close work order' });
    expect(dialog).toHaveTextContent('Closing is final');
    expect(api.calls('POST', `/work-orders/${target.id}/status`)).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Close work order' }));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${target.id}/status`)).toHaveLength(1));
    expect(api.calls('POST', `/work-orders/${target.id}/status`)[0]!.body).toEqual({ status: 'CLOSED' });
  });

  it('has buttons tall enough for a finger', () => {
    fakeApi();
    renderScreen(
      <StatusActions workOrder={workOrder({ status: 'OPEN' })} user={planner} onSchedule={() => undefined} onReload={() => undefined} />,
      {
        user: planner,
      },
    );
    expect(getComputedStyle(screen.getByRole('button', { name: 'Cancel work order' })).minHeight).toBe('44px');
  });
});

describe('the keyboard after a status change', () => {
  /** The buttons as a page shows them: from the work order as the server now has it. */
  function Live({ id, user }: { id: string; user: AuthUser }) {
    const { data, refetch } = useGetWorkOrderQuery(id);
    return data ? <StatusActions workOrder={data} user={user} onReload={() => void refetch()} /> : null;
  }

  function serve(status: WorkOrderStatus) {
    let current = workOrder({ status, technicianId: TECHNICIAN_ID });
    fakeApi()
      .on('GET', '/work-orders/:id', () => json(current))
      .on('POST', '/work-orders/:id/status', ({ body }) => {
        current = { ...current, status: (body as { status: WorkOrderStatus }).status, version: current.version + 1 };
        return json(current);
      });
    renderScreen(<Live id={current.id} user={technician} />, { user: technician });
  }

  it('goes on from the first action the new state offers, the pressed one being gone', async () => {
    serve('SCHEDULED');
    (await screen.findByRole('button', { name: 'Start work' })).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Put on hold' })).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Now in progress.');
  });

  it('lets the confirmation go once the page shows someone else moved the work order meanwhile, and says why', async () => {
    let current = workOrder({ status: 'IN_PROGRESS', technicianId: TECHNICIAN_ID });
    fakeApi()
      .on('GET', '/work-orders/:id', () => json(current))
      .on('POST', '/work-orders/:id/status', () => {
        current = { ...current, status: 'ON_HOLD', version: current.version + 1 };
        return problem(412, { code: 'precondition_failed' });
      });
    renderScreen(<Live id={current.id} user={technician} />, { user: technician });
    await userEvent.click(await screen.findByRole('button', { name: 'Put on hold' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Put on hold' }));
    expect(await screen.findByRole('button', { name: 'Resume work' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/^Someone else changed this work order/);
  });

  it('goes on from the news of the new state when it leaves nothing to do', async () => {
    serve('IN_PROGRESS');
    await userEvent.click(await screen.findByRole('button', { name: 'Complete' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Now completed.');
    expect(screen.queryByRole('group', { name: 'Change status' })).not.toBeInTheDocument();
  });
});
