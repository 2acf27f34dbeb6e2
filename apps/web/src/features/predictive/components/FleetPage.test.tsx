import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { WORK_ORDER_ID, fleetItem } from '../testing/health-fixtures';
import { FleetPage } from './FleetPage';

const worst = fleetItem({ risk: 100, predictiveWorkOrderId: WORK_ORDER_ID, rul: { estimate: 20, lower: 10, upper: 40, unit: 'h' } });
const middle = fleetItem({ risk: 55, rul: null, confidence: null });
const calm = fleetItem({ risk: 12, failureProbability: { horizonDays: 30, probability: 0.0004 } });

function api() {
  return fakeApi().on('GET', '/predictive/fleet', ({ url }) =>
    json({ data: [worst, middle, calm], total: 43, page: Number(url.searchParams.get('page') ?? 1), limit: 20 }),
  );
}

describe('the fleet view', { timeout: 30_000 }, () => {
  it('keeps the server’s risk order, numbering ranks from the page’s offset', async () => {
    const fake = api();
    renderScreen(<FleetPage />, { path: '/predictive', url: '/predictive?page=2', user: userWith('technician') });
    const rows = await screen.findAllByTestId('fleet-row');
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['21', '22', '23']);
    expect(rows.map((row) => within(row).getByRole('link', { name: /^EQ-/ }).textContent)).toEqual([
      `${worst.equipment.equipmentNumber} · ${worst.equipment.name}`,
      `${middle.equipment.equipmentNumber} · ${middle.equipment.name}`,
      `${calm.equipment.equipmentNumber} · ${calm.equipment.name}`,
    ]);
    expect(within(rows[0]!).getByLabelText('Risk 100 of 100, Action due')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('< 0.1 % in 30 d')).toBeInTheDocument();
    expect(Object.fromEntries(fake.calls('GET', '/predictive/fleet')[0]!.url.searchParams)).toEqual({ page: '2', limit: '20' });
  });

  it('links each row to its health page and to its predictive work order, or to its work orders', async () => {
    api();
    renderScreen(<FleetPage />, { path: '/predictive', user: userWith('planner') });
    const [first, second] = await screen.findAllByTestId('fleet-row');
    expect(within(first!).getByRole('link', { name: /^EQ-/ })).toHaveAttribute('href', `/predictive/equipment/${worst.equipmentId}`);
    expect(within(first!).getByRole('link', { name: 'Predictive work order' })).toHaveAttribute('href', `/work-orders/${WORK_ORDER_ID}`);
    expect(within(second!).getByRole('link', { name: 'All of its work orders' })).toHaveAttribute(
      'href',
      `/work-orders?equipmentId=${middle.equipmentId}`,
    );
    expect(within(first!).getByRole('img', { name: 'Remaining useful life about 20 h, likely between 10–40 h' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Models' })).toHaveAttribute('href', '/predictive/models');
  });

  it('filters by equipment type on the server once typing pauses', async () => {
    const fake = api();
    renderScreen(<FleetPage />, { path: '/predictive', user: userWith('planner') });
    await screen.findAllByTestId('fleet-row');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Equipment type' }), 'Pump');
    await waitFor(() => expect(fake.calls('GET', '/predictive/fleet').at(-1)!.url.searchParams.get('equipmentType')).toBe('Pump'));
    expect(fake.calls('GET', '/predictive/fleet').filter((call) => call.url.searchParams.has('equipmentType'))).toHaveLength(1);
  });

  it('offers no model management to a technician', async () => {
    api();
    renderScreen(<FleetPage />, { path: '/predictive', user: userWith('technician') });
    await screen.findAllByTestId('fleet-row');
    expect(screen.queryByRole('link', { name: 'Models' })).not.toBeInTheDocument();
  });

  it('tells a technician a predictive work order is open without linking to it (its page would be 404 to them)', async () => {
    api();
    renderScreen(<FleetPage />, { path: '/predictive', user: userWith('technician') });
    const [first, second] = await screen.findAllByTestId('fleet-row');
    expect(within(first!).getByText('Predictive work order open')).toBeInTheDocument();
    expect(
      within(first!)
        .queryAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).not.toContain(`/work-orders/${WORK_ORDER_ID}`);
    expect(within(second!).getByRole('link', { name: 'All of its work orders' })).toBeInTheDocument();
  });
});
