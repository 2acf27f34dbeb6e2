import type { WorkOrderHistoryEntry } from '@msched/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { TECHNICIAN_ID, technician, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { HistoryPanel } from './HistoryPanel';

const WORK_ORDER = '00000000-0000-4000-8000-000000000b01';
const drain = workOrder({ workOrderNumber: 'WO-000012', title: 'Drain the tank' });
const stranger = '00000000-0000-4000-8000-000000000b99';

const change = (changes: WorkOrderHistoryEntry['changes']): WorkOrderHistoryEntry => ({
  id: crypto.randomUUID(),
  workOrderId: WORK_ORDER,
  kind: 'change',
  fromStatus: null,
  toStatus: null,
  changes,
  note: null,
  userId: null,
  userName: 'Pia Planner',
  createdAt: '2031-03-03T08:00:00.000Z',
});

function open(entries: WorkOrderHistoryEntry[], namesTechnicians: boolean) {
  fakeApi()
    .on('GET', '/work-orders/:id/history', () => json(entries))
    .on('GET', '/work-orders/:id', () => json(drain))
    .on('GET', '/technicians', () => json({ data: [technician()], total: 1, page: 1, limit: 100 }));
  renderScreen(<HistoryPanel workOrderId={WORK_ORDER} namesTechnicians={namesTechnicians} />, { user: userWith('planner') });
}

describe('the history of a work order', () => {
  it('names the crew, the work it waits for and the skills it needs, never ids or JSON', async () => {
    open(
      [
        change({ crewTechnicianIds: { from: [], to: [TECHNICIAN_ID] } }),
        change({ predecessorIds: { from: [], to: [drain.id] } }),
        change({
          requiredSkills: {
            from: [],
            to: [
              { skill: 'mechanical', minLevel: 2 },
              { skill: 'electrical', minLevel: 1 },
            ],
          },
        }),
      ],
      true,
    );
    expect(await screen.findByText('crew: none → Jan Neumann (T-004)')).toBeInTheDocument();
    expect(await screen.findByText('waits for: none → WO-000012')).toBeInTheDocument();
    expect(screen.getByText('required skills: none → mechanical ≥ 2, electrical ≥ 1')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(TECHNICIAN_ID);
    expect(document.body).not.toHaveTextContent('{');
  });

  it('counts the crew where the names are not known to the page', async () => {
    open([change({ crewTechnicianIds: { from: [TECHNICIAN_ID], to: [TECHNICIAN_ID, stranger] } })], false);
    expect(await screen.findByText('crew: 1 technician → 2 technicians')).toBeInTheDocument();
  });
});
