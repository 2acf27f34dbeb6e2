import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PredecessorPicker } from './PredecessorPicker';

const fiveHundredFour = workOrder({ workOrderNumber: 'WO-000504', title: 'Flush the cooler' });
const fiveHundredForty = workOrder({ workOrderNumber: 'WO-000540', title: 'Drain the tank' });

function Form({ onChange }: { onChange: (ids: string[]) => void }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <PredecessorPicker
      value={value}
      onChange={(ids) => {
        setValue(ids);
        onChange(ids);
      }}
      errors={{}}
    />
  );
}

describe('choosing the work a work order must wait for', () => {
  it('keeps what is typed while the results arrive, and picks the work order that matches it', async () => {
    const api = fakeApi().on('GET', '/work-orders', ({ url }) => {
      // Nothing listed until something is typed: what is offered is what the server found for it.
      const search = url.searchParams.get('search');
      return json(
        pageOf(search ? [fiveHundredFour, fiveHundredForty].filter((candidate) => candidate.workOrderNumber.includes(search)) : []),
      );
    });
    const onChange = vi.fn();
    renderScreen(<Form onChange={onChange} />, { user: userWith('planner') });
    const picker = screen.getByRole('combobox', { name: 'Must wait for' });

    await userEvent.type(picker, 'WO-000');
    expect(await screen.findByRole('option', { name: 'WO-000504 · Flush the cooler' })).toBeInTheDocument();
    expect(picker).toHaveValue('WO-000');
    await userEvent.type(picker, '540');
    await waitFor(() =>
      expect(api.calls('GET', '/work-orders').some((call) => call.url.searchParams.get('search') === 'WO-000540')).toBe(true),
    );
    expect(picker).toHaveValue('WO-000540');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    await userEvent.click(screen.getByRole('option', { name: 'WO-000540 · Drain the tank' }));

    expect(onChange).toHaveBeenLastCalledWith([fiveHundredForty.id]);
    expect(screen.getByRole('button', { name: 'WO-000540 · Drain the tank' })).toBeInTheDocument();
    // Every search the server saw was what was typed, never a remainder of it.
    const searches = api.calls('GET', '/work-orders').map((call) => call.url.searchParams.get('search'));
    expect(searches.filter(Boolean).every((search) => 'WO-000540'.startsWith(search!))).toBe(true);
  });
});
