import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AVAILABILITY_WORDING } from '@/features/technicians/utils/availability-form';
import { WeeklyCalendarView } from './WeeklyCalendarView';
import { WeeklyPatternField } from './WeeklyPatternField';

// A technician's shifts: the calendar as its editor and view name it there.
const wording = AVAILABILITY_WORDING;

describe('a weekly row that runs past midnight', () => {
  it('is marked "Next day" under its end while edited', () => {
    render(
      <WeeklyPatternField
        rows={[
          { key: 1, weekday: 1, start: '07:00', end: '15:00' },
          { key: 2, weekday: 2, start: '07:00', end: '06:00' },
        ]}
        errors={{}}
        onChange={() => {}}
        wording={wording}
        newRow={{ start: '07:00', end: '15:00' }}
      />,
    );
    expect(screen.getAllByText('Next day')).toHaveLength(1);
    expect(screen.getByLabelText('End of shift 2')).toHaveAccessibleDescription('Next day');
    expect(screen.getByLabelText('End of shift 1')).not.toHaveAccessibleDescription('Next day');
  });

  it('says "(next day)" where the calendar is shown', () => {
    render(
      <WeeklyCalendarView
        calendar={{
          timezone: 'Europe/Berlin',
          weeklyPattern: [
            { weekday: 1, start: '07:00', end: '15:00' },
            { weekday: 5, start: '22:00', end: '06:00' },
          ],
          exceptions: [],
        }}
        wording={wording}
        now={new Date('2026-12-03T12:00:00Z')}
      />,
    );
    const table = within(screen.getByRole('table', { name: 'Weekly shifts' }));
    expect(table.getByRole('row', { name: /Monday/ })).toHaveTextContent('07:00–15:00');
    expect(table.getByRole('row', { name: /Monday/ })).not.toHaveTextContent('next day');
    expect(table.getByRole('row', { name: /Friday/ })).toHaveTextContent('22:00–06:00 (next day)');
  });
});
