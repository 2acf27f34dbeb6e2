import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { EquipmentPicker } from './EquipmentPicker';

const machines = [
  { id: '00000000-0000-4000-8000-000000001001', equipmentNumber: 'EQ-1001', name: 'Feed pump' },
  { id: '00000000-0000-4000-8000-000000001002', equipmentNumber: 'EQ-1002', name: 'Mixer' },
  { id: '00000000-0000-4000-8000-000000001030', equipmentNumber: 'EQ-1030', name: 'Forklift 2' },
];

let chosen = '';
function Harness() {
  const [value, setValue] = useState('');
  return (
    <EquipmentPicker
      value={value}
      onChange={(id) => {
        chosen = id;
        setValue(id);
      }}
    />
  );
}

describe('the equipment picker', () => {
  it('never lets a quick pick take an older search’s machine that does not match what is typed', async () => {
    chosen = '';
    // Nothing typed: the first two. A search: what matches it.
    fakeApi().on('GET', '/equipment', ({ url }) => {
      const search = url.searchParams.get('search')?.toLowerCase();
      const found = search ? machines.filter((m) => `${m.equipmentNumber} ${m.name}`.toLowerCase().includes(search)) : machines.slice(0, 2);
      return json({ data: found, total: found.length, page: 1, limit: 20 });
    });
    renderScreen(<Harness />, { user: userWith('planner') });
    const box = screen.getByRole('combobox', { name: 'Equipment' });
    await userEvent.click(box);
    expect(await screen.findByRole('option', { name: 'EQ-1001 · Feed pump' })).toBeInTheDocument();

    // Typed and picked at once, before the search for it has even been sent.
    await userEvent.type(box, 'EQ-1030{ArrowDown}{Enter}');
    expect(chosen).not.toBe(machines[0]!.id);
    expect(screen.queryByRole('option', { name: 'EQ-1001 · Feed pump' })).not.toBeInTheDocument();

    // Once the server has answered for it, the machine typed is there to pick.
    await userEvent.click(await screen.findByRole('option', { name: 'EQ-1030 · Forklift 2' }));
    await waitFor(() => expect(chosen).toBe(machines[2]!.id));
  });
});
