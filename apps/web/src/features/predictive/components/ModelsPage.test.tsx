import type { PredictiveModel } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { ModelsPage } from './ModelsPage';

const model = (overrides: Partial<PredictiveModel> = {}): PredictiveModel => ({
  id: '00000000-0000-4000-8000-000000000971',
  kind: 'rul',
  equipmentType: 'Pump',
  version: 3,
  status: 'READY',
  active: true,
  sensors: ['vibration', 'temperature'],
  evaluation: { rmse: 41.234, intervalCoverage: 0.8812 },
  trainedOn: null,
  error: null,
  createdAt: '2026-11-01T08:00:00.000Z',
  trainedAt: '2026-11-01T08:05:00.000Z',
  ...overrides,
});

describe('model versions', { timeout: 30_000 }, () => {
  it('lists versions with their evaluation and starts training one', async () => {
    const fake = fakeApi()
      .on('GET', '/predictive/models', () => json({ data: [model()], total: 1, page: 1, limit: 20 }))
      .on('POST', '/predictive/models/train', () =>
        json(model({ id: '00000000-0000-4000-8000-000000000972', version: 4, status: 'TRAINING', active: false }), 202),
      );
    renderScreen(<ModelsPage />, { path: '/predictive/models', user: userWith('planner') });
    const row = (await screen.findAllByRole('row'))[1]!;
    expect(row).toHaveTextContent('v3Active');
    expect(row).toHaveTextContent('RMSE 41.2 · interval coverage 88 %');

    await userEvent.click(screen.getByRole('button', { name: 'Train new version' }));
    const dialog = await screen.findByRole('dialog', { name: 'Train a new model version' });
    expect(within(dialog).getByRole('textbox', { name: /equipment type/i })).toHaveValue('Pump');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(fake.calls('POST', '/predictive/models/train')).toHaveLength(1));
    expect(fake.calls('POST', '/predictive/models/train')[0]!.body).toEqual({ equipmentType: 'Pump' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says when there is nothing to learn from', async () => {
    fakeApi()
      .on('GET', '/predictive/models', () => json({ data: [], total: 0, page: 1, limit: 20 }))
      .on('POST', '/predictive/models/train', () => problem(409, { detail: 'No run-to-failure history for Fan' }));
    renderScreen(<ModelsPage />, { path: '/predictive/models', user: userWith('manager') });
    await userEvent.click(await screen.findByRole('button', { name: 'Train new version' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start training' }));
    expect(within(dialog).getByRole('textbox', { name: /equipment type/i })).toHaveAccessibleDescription('must not be empty');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /equipment type/i }), 'Fan');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start training' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No run-to-failure history for Fan');
  });

  it.each(['technician', 'requester'] as const)('tells a %s models are not theirs, offers no training and asks nothing', async (role) => {
    const fake = fakeApi().on('GET', '/predictive/models', () => problem(403));
    renderScreen(<ModelsPage />, { path: '/predictive/models', user: userWith(role) });
    expect(await screen.findByRole('heading', { name: 'Prediction models' })).toBeInTheDocument();
    expect(screen.getByText(/trained and reviewed by planners, managers and administrators/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Train new version' })).not.toBeInTheDocument();
    expect(fake.requests).toHaveLength(0);
  });
});
