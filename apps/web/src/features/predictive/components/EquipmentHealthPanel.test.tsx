import type { Role } from '@msched/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PUMP_ID, WORK_ORDER_ID, health } from '../testing/health-fixtures';
import { EquipmentHealthPanel } from './EquipmentHealthPanel';

const show = (answer: ReturnType<typeof health>, role: Role = 'technician') => {
  fakeApi().on('GET', `/equipment/${PUMP_ID}/health`, () => json(answer));
  return renderScreen(<EquipmentHealthPanel equipmentId={PUMP_ID} />, { user: userWith(role) });
};

describe('the health panel', { timeout: 30_000 }, () => {
  it('shows the remaining life with its interval on a track from zero', async () => {
    show(health());
    expect(await screen.findByText('120 h')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Remaining useful life about 120 h, likely between 80–170 h' })).toBeInTheDocument();
    // 170 h × 1.1 = 187 h at the right end: the band runs from 80/187 to 170/187 of the track.
    const band = screen.getByTestId('rul-interval');
    expect(band.style.left || getComputedStyle(band).left).toMatch(/^42\.78/);
    expect(screen.getByText('34 %')).toBeInTheDocument();
    expect(screen.getByText('within 30 days')).toBeInTheDocument();
    expect(screen.getByLabelText('Risk 86 of 100, High')).toBeInTheDocument();
  });

  it('explains what the confidence means, to the mouse, the keyboard and the screen reader', async () => {
    show(health());
    expect(await screen.findByText('72 / 100 · High')).toBeInTheDocument();
    const info = screen.getByRole('button', { name: 'What confidence means' });
    expect(info).toHaveAccessibleDescription(/Confidence 72 of 100 \(high\): how far to trust the remaining-life estimate/);
    await userEvent.tab();
    await userEvent.hover(info);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(/lower when the interval is wide/);
  });

  it('lists the strongest drivers first and links to the predictive work order', async () => {
    show(health({ predictiveWorkOrderId: WORK_ORDER_ID }), 'planner');
    const drivers = await screen.findByRole('list', { name: 'Top drivers' });
    expect(drivers).toHaveTextContent(/^vibration−42\.5temperature−12$/);
    expect(screen.getByRole('link', { name: 'Open predictive work order' })).toHaveAttribute('href', `/work-orders/${WORK_ORDER_ID}`);
    expect(screen.getByRole('link', { name: 'Sensor charts and reliability' })).toHaveAttribute('href', `/predictive/equipment/${PUMP_ID}`);
  });

  it.each(['technician', 'requester'] as const)(
    'tells a %s a predictive work order is open without linking to it (its page would be 404 to them)',
    async (role) => {
      show(health({ predictiveWorkOrderId: WORK_ORDER_ID }), role);
      expect(await screen.findByText('A predictive work order is open for this equipment.')).toBeInTheDocument();
      expect(screen.queryByRole('link', { name: 'Open predictive work order' })).not.toBeInTheDocument();
      expect(screen.getAllByRole('link').map((link) => link.getAttribute('href'))).not.toContain(`/work-orders/${WORK_ORDER_ID}`);
      expect(screen.getByRole('link', { name: 'Work orders of this equipment' })).toHaveAttribute(
        'href',
        `/work-orders?equipmentId=${PUMP_ID}`,
      );
    },
  );

  it('says why a figure is missing', async () => {
    show(health({ rul: null, confidence: null, failureProbability: null, anomalyScore: null, drivers: [] }));
    expect(await screen.findByText('No estimate: no trained model for this equipment type yet.')).toBeInTheDocument();
    expect(screen.getByText('No figure: not enough failure history.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'What confidence means' })).toHaveAccessibleDescription(/no remaining-life estimate/);
  });
});
