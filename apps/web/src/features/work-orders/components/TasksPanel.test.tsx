import type { WorkOrderTask } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { TasksPanel } from './TasksPanel';

const WORK_ORDER = '00000000-0000-4000-8000-000000000901';

const task = (overrides: Partial<WorkOrderTask> = {}): WorkOrderTask => ({
  id: '00000000-0000-4000-8000-000000000902',
  workOrderId: WORK_ORDER,
  position: 0,
  title: 'Isolate the pump',
  description: null,
  status: 'PENDING',
  estimatedDuration: null,
  actualDuration: null,
  assigneeId: null,
  isFirstTimeFix: null,
  completedAt: null,
  version: 3,
  ...overrides,
});

function setup(tasks: WorkOrderTask[], patch: () => Response = () => json(task())) {
  const onReload = vi.fn();
  const api = fakeApi()
    .on('PATCH', '/work-orders/:id/tasks/:taskId', patch)
    .on('POST', '/work-orders/:id/tasks', ({ body }) =>
      json(task({ id: crypto.randomUUID(), title: (body as { title: string }).title }), 201),
    );
  renderScreen(<TasksPanel workOrderId={WORK_ORDER} tasks={tasks} editable onReload={onReload} />, { user: userWith('technician') });
  return { api, onReload };
}

const patches = (api: ReturnType<typeof fakeApi>, id = task().id) => api.calls('PATCH', `/work-orders/${WORK_ORDER}/tasks/${id}`);

describe('the checklist', () => {
  it('skips a task that does not apply, against its version, and takes a skip back', async () => {
    const { api } = setup([
      task(),
      task({ id: '00000000-0000-4000-8000-000000000903', title: 'Drain oil', status: 'SKIPPED', version: 5 }),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Skip Isolate the pump' }));
    await waitFor(() => expect(patches(api)).toHaveLength(1));
    expect(patches(api)[0]!.body).toEqual({ status: 'SKIPPED' });
    expect(patches(api)[0]!.headers.get('if-match')).toBe('"3"');

    await userEvent.click(screen.getByRole('button', { name: 'Undo skip of Drain oil' }));
    await waitFor(() => expect(patches(api, '00000000-0000-4000-8000-000000000903')).toHaveLength(1));
    expect(patches(api, '00000000-0000-4000-8000-000000000903')[0]!.body).toEqual({ status: 'PENDING' });
  });

  it('offers no skip on a task already done', () => {
    setup([task({ status: 'DONE' })]);
    expect(screen.getByRole('checkbox', { name: 'Isolate the pump' })).toBeChecked();
    expect(screen.queryByRole('button', { name: /skip/i })).not.toBeInTheDocument();
  });

  it('fetches the task as the server has it when someone else changed it first (412)', async () => {
    const { onReload } = setup([task()], () => problem(412));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Isolate the pump' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Someone else changed this task/);
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('adds the same title twice on purpose as two tasks, each with its own key', async () => {
    const { api } = setup([]);
    const add = async () => {
      await userEvent.type(screen.getByLabelText('New task'), 'Check the seal');
      await userEvent.click(screen.getByRole('button', { name: 'Add' }));
      await waitFor(() => expect(screen.getByLabelText('New task')).toHaveValue(''));
    };
    await add();
    await add();
    const [first, second] = api.calls('POST', `/work-orders/${WORK_ORDER}/tasks`);
    expect(second!.body).toEqual(first!.body);
    expect(second!.headers.get('idempotency-key')).not.toBe(first!.headers.get('idempotency-key'));
  });

  it('has an Add button tall enough for a finger', () => {
    setup([]);
    expect(getComputedStyle(screen.getByRole('button', { name: 'Add' })).minHeight).toBe('44px');
  });
});
