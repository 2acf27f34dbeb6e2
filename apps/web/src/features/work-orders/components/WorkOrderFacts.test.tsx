import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { WorkOrderFacts } from './WorkOrderFacts';

const drain = workOrder({ workOrderNumber: 'WO-000012', title: 'Drain the tank', status: 'IN_PROGRESS' });
const goneId = '00000000-0000-4000-8000-0000000000d0';

/** The value of one fact of the description list, by its term. */
const fact = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe("a work order's facts", () => {
  it('name the work it waits for, linked, a deleted one plainly, and the groups it holds', async () => {
    const api = fakeApi().on('GET', '/work-orders/:id', ({ url }) =>
      url.pathname.endsWith(drain.id) ? json(drain) : problem(404, { code: 'not_found' }),
    );
    const weld = workOrder({ predecessorIds: [drain.id, goneId], conflictGroups: ['hot-work', 'crane:north'] });
    renderScreen(<WorkOrderFacts workOrder={weld} />, { user: userWith('planner') });

    const waitsFor = fact('Waits for');
    const link = await within(waitsFor).findByRole('link', { name: 'WO-000012' });
    expect(link).toHaveAttribute('href', `/work-orders/${drain.id}`);
    const [first, second] = within(waitsFor).getAllByRole('listitem');
    expect(first).toHaveTextContent('WO-000012 Drain the tank (in progress)');
    await within(second!).findByText('A deleted or hidden work order');
    expect(api.calls('GET', `/work-orders/${goneId}`)).toHaveLength(1);

    expect(within(fact('Conflict groups')).getByText('hot-work')).toBeInTheDocument();
    expect(within(fact('Conflict groups')).getByText('crane:north')).toBeInTheDocument();
  });

  it('say none when it waits for nothing and holds nothing, and no when it needs no downtime', () => {
    fakeApi();
    renderScreen(<WorkOrderFacts workOrder={workOrder()} />, { user: userWith('planner') });
    expect(fact('Waits for')).toHaveTextContent(/^none$/);
    expect(fact('Conflict groups')).toHaveTextContent(/^none$/);
    expect(fact('Needs the equipment down')).toHaveTextContent(/^No$/);
  });

  it('say when the work needs its equipment down, and what that means for its booking', () => {
    fakeApi();
    renderScreen(<WorkOrderFacts workOrder={workOrder({ requiresDowntime: true })} />, { user: userWith('planner') });
    expect(fact('Needs the equipment down')).toHaveTextContent('Yes: booked only inside its maintenance windows');
  });

  it.each([
    [true, 'Yes'],
    [false, 'No'],
  ])('say whether the fix held the first time (%s) once that is recorded', (firstTimeFix, shown) => {
    fakeApi();
    const done = workOrder({ status: 'COMPLETED', completion: { failureMode: 'LEAK', remedy: 'REPLACED SEAL', firstTimeFix } });
    renderScreen(<WorkOrderFacts workOrder={done} />, { user: userWith('planner') });
    expect(fact('First-time fix')).toHaveTextContent(new RegExp(`^${shown}$`));
    expect(fact('Completion')).toHaveTextContent(/^LEAK \/ REPLACED SEAL$/);
  });

  it('say nothing about a first-time fix that was not recorded', () => {
    fakeApi();
    renderScreen(
      <WorkOrderFacts workOrder={workOrder({ status: 'COMPLETED', completion: { failureMode: 'LEAK', firstTimeFix: null } })} />,
      {
        user: userWith('planner'),
      },
    );
    expect(screen.queryByText('First-time fix')).not.toBeInTheDocument();
  });
});
