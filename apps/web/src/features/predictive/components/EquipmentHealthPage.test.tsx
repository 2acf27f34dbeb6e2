import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PUMP_ID, health, sensor } from '../testing/health-fixtures';
import { EquipmentHealthPage } from './EquipmentHealthPage';

const vibration = sensor();
const seriesPath = `/equipment/${PUMP_ID}/sensors/${vibration.id}/series`;

function api() {
  return fakeApi()
    .on('GET', `/equipment/${PUMP_ID}`, () =>
      json({ id: PUMP_ID, equipmentNumber: 'EQ-1', name: 'Feed pump', type: 'Pump', status: 'OPERATIONAL' }),
    )
    .on('GET', `/equipment/${PUMP_ID}/health`, () => json(health()))
    .on('GET', `/equipment/${PUMP_ID}/sensors`, () => json([vibration]))
    .on('GET', '/predictive/reliability', () =>
      json({
        equipmentType: 'Pump',
        equipmentId: PUMP_ID,
        failures: 3,
        censored: 1,
        mtbfHours: 1480.4,
        mttrHours: 5.25,
        weibull: null,
        horizonDays: 30,
        ageHours: 1310,
        failureProbability: 0.34,
      }),
    )
    .on('GET', seriesPath, ({ url }) =>
      json({
        sensorId: vibration.id,
        name: 'vibration',
        unit: 'mm/s',
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        resolution: 'bucketed',
        bucketSeconds: 3600,
        source: 'rollups',
        points: [
          { time: '2026-11-29T00:00:00.000Z', min: 2, avg: 3, max: 4, count: 60 },
          { time: '2026-11-29T01:00:00.000Z', min: 2.5, avg: 3.5, max: 6, count: 60 },
        ],
      }),
    );
}

const hoursAsked = (params: URLSearchParams) => (Date.parse(params.get('to')!) - Date.parse(params.get('from')!)) / 3_600_000;

describe('the equipment health page', { timeout: 30_000 }, () => {
  it('shows health, reliability and each sensor over the chosen range, with min/avg/max buckets', async () => {
    const fake = api();
    renderScreen(<EquipmentHealthPage />, {
      path: '/predictive/equipment/:equipmentId',
      url: `/predictive/equipment/${PUMP_ID}`,
      user: userWith('technician'),
    });
    expect(await screen.findByRole('heading', { name: 'EQ-1 · Feed pump', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('Min, average and max per 1 h · normal 0 to 7 mm/s')).toBeInTheDocument();
    expect(screen.getByText('1480 h')).toBeInTheDocument();
    const first = fake.calls('GET', seriesPath)[0]!.url.searchParams;
    expect(first.get('points')).toBe('300');
    expect(hoursAsked(first)).toBe(7 * 24);

    await userEvent.click(screen.getByRole('button', { name: '30d' }));
    await waitFor(() => expect(hoursAsked(fake.calls('GET', seriesPath).at(-1)!.url.searchParams)).toBe(30 * 24));
  });
});
