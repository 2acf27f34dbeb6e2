import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { TECHNICIAN_ID, userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { AvailabilityPanel } from './AvailabilityPanel';

const plan = {
  technicianId: TECHNICIAN_ID,
  timezone: 'Europe/Berlin',
  weeklyPattern: [{ weekday: 1, start: '07:00', end: '15:30' }],
  exceptions: [],
  version: 3,
};

function setup() {
  let current: object = plan;
  const api = fakeApi()
    .on('GET', '/technicians/:id/availability', () => json(current))
    .on('PUT', '/technicians/:id/availability', ({ body }) => {
      current = { ...plan, ...(body as object), version: 4 };
      return json(current);
    });
  renderScreen(<AvailabilityPanel technicianId={TECHNICIAN_ID} editable />, { user: userWith('planner') });
  return api;
}

const field = (name: string) => screen.getByLabelText(name);
const set = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });

describe('the availability editor', () => {
  it('shows the contract’s messages at each field and sends nothing while any is wrong', async () => {
    const api = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit availability' }));
    set('Time zone of the shifts', 'Mars/Olympus');
    await userEvent.click(screen.getByRole('button', { name: 'Add shift' }));
    set('End of shift 2', '07:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add leave or extra time' }));
    set('Until (exception 1)', '2026-12-23T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save availability' }));

    expect(await screen.findByText('Not a time zone: enter a name such as Europe/Berlin or America/New_York')).toBeInTheDocument();
    expect(screen.getByText('start and end must differ')).toBeInTheDocument();
    expect(screen.getByText('Enter a date and time')).toBeInTheDocument();
    expect(field('Time zone of the shifts')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Start of shift 2')).toHaveAttribute('aria-invalid', 'true');
    expect(field('From (exception 1)')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(field('Time zone of the shifts')).toHaveFocus());

    set('From (exception 1)', '2026-12-24T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save availability' }));
    expect(await screen.findByText('end must be after start')).toBeInTheDocument();
    expect(api.calls('PUT', `/technicians/${TECHNICIAN_ID}/availability`)).toHaveLength(0);
  });

  it('PUTs the whole plan against the version shown: shifts, and exceptions as instants', async () => {
    const api = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit availability' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add shift' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Day of shift 2' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Saturday' }));
    set('Start of shift 2', '22:00');
    set('End of shift 2', '06:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add leave or extra time' }));
    set('From (exception 1)', '2026-12-24T00:00');
    set('Until (exception 1)', '2026-12-27T00:00');
    await userEvent.type(field('Reason (exception 1)'), ' Christmas ');
    await userEvent.click(screen.getByRole('button', { name: 'Add leave or extra time' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Kind of exception 2' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Overtime (paid extra)' }));
    set('From (exception 2)', '2026-12-28T07:00');
    set('Until (exception 2)', '2026-12-28T12:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save availability' }));

    await waitFor(() => expect(api.calls('PUT', `/technicians/${TECHNICIAN_ID}/availability`)).toHaveLength(1));
    const [put] = api.calls('PUT', `/technicians/${TECHNICIAN_ID}/availability`);
    expect(put!.headers.get('if-match')).toBe('"3"');
    expect(put!.body).toEqual({
      timezone: 'Europe/Berlin',
      weeklyPattern: [
        { weekday: 1, start: '07:00', end: '15:30' },
        // Past midnight: allowed, the end is on the next day.
        { weekday: 6, start: '22:00', end: '06:00' },
      ],
      exceptions: [
        {
          start: new Date(2026, 11, 24).toISOString(),
          end: new Date(2026, 11, 27).toISOString(),
          available: false,
          overtime: false,
          reason: 'Christmas',
        },
        // Overtime is extra time the optimizer weighs at its cost.
        {
          start: new Date(2026, 11, 28, 7).toISOString(),
          end: new Date(2026, 11, 28, 12).toISOString(),
          available: true,
          overtime: true,
          reason: null,
        },
      ],
    });
    // Saved: back to the weekly view, which names the kind.
    expect(await screen.findByRole('button', { name: 'Edit availability' })).toBeInTheDocument();
    expect(await screen.findByText('Overtime')).toBeInTheDocument();
  });
});
