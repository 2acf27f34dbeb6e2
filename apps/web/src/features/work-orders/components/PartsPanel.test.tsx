import type { WorkOrderPartLine } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PartsPanel } from './PartsPanel';

const WORK_ORDER = '00000000-0000-4000-8000-000000000701';
const LINE = '00000000-0000-4000-8000-000000000702';

const line: WorkOrderPartLine = {
  id: LINE,
  workOrderId: WORK_ORDER,
  partId: '00000000-0000-4000-8000-000000000703',
  partNumber: 'SEAL-1',
  partName: 'Shaft seal',
  quantity: 2,
  status: 'RESERVED',
  unitCost: 3,
  version: 4,
  createdAt: '2031-03-03T08:00:00.000Z',
  updatedAt: '2031-03-03T08:00:00.000Z',
};

function setup(answer: () => Response) {
  const api = fakeApi()
    .on('GET', '/parts', () => json({ data: [], total: 0, page: 1, limit: 20 }))
    .on('PATCH', '/work-orders/:id/parts/:lineId', answer);
  renderScreen(<PartsPanel workOrderId={WORK_ORDER} lines={[line]} editable />, { user: userWith('technician') });
  return api;
}

describe('moving a part line', () => {
  it('issues a reservation against the version shown', async () => {
    const api = setup(() => json({ line: { ...line, status: 'ISSUED', version: 5 }, partOnHand: 1, partAvailable: 1 }));
    await userEvent.click(await screen.findByRole('button', { name: 'Issue 2 × Shaft seal' }));
    await waitFor(() => expect(api.calls('PATCH', `/work-orders/${WORK_ORDER}/parts/${LINE}`)).toHaveLength(1));
    const [patch] = api.calls('PATCH', `/work-orders/${WORK_ORDER}/parts/${LINE}`);
    expect(patch!.headers.get('if-match')).toBe('"4"');
    expect(patch!.body).toEqual({ status: 'ISSUED' });
  });

  it('shows the problem when someone else moved the line first (412)', async () => {
    setup(() => problem(412));
    await userEvent.click(await screen.findByRole('button', { name: 'Release 2 × Shaft seal' }));
    expect(await screen.findByText('Someone else changed this part: reload or merge.')).toBeInTheDocument();
  });
});
