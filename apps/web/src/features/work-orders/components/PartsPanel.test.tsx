import type { Part, WorkOrderPartLine } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PartsPanel } from './PartsPanel';

const WORK_ORDER = '00000000-0000-4000-8000-000000000701';
const LINE = '00000000-0000-4000-8000-000000000702';

const line: WorkOrderPartLine = {
  id: LINE,
  workOrderId: WORK_ORDER,
  partId: '00000000-0000-4000-8000-000000000703',
  partNumber: 'SEAL-1',
  partName: 'Shaft seal',
  quantity: 2,
  status: 'RESERVED',
  unitCost: 3,
  version: 4,
  createdAt: '2031-03-03T08:00:00.000Z',
  updatedAt: '2031-03-03T08:00:00.000Z',
};

const seal: Part = {
  id: line.partId,
  partNumber: 'SEAL-1',
  name: 'Shaft seal',
  description: null,
  unitCost: 3,
  onHand: 10,
  reserved: 2,
  available: 8,
  reorderPoint: 1,
  unit: 'pcs',
  locationId: null,
  version: 1,
  createdAt: '2031-03-03T08:00:00.000Z',
  updatedAt: '2031-03-03T08:00:00.000Z',
};

/** The panel as the detail page holds it: Reload, or the real-time channel, shows the line as the server now has it. */
function Page({ reloaded, onReload }: { reloaded: WorkOrderPartLine; onReload: () => void }) {
  const [lines, setLines] = useState([line]);
  return (
    <>
      <PartsPanel
        workOrderId={WORK_ORDER}
        lines={lines}
        editable
        onReload={() => {
          onReload();
          setLines([reloaded]);
        }}
      />
      <button type="button" onClick={() => setLines([reloaded])}>
        Real-time update
      </button>
    </>
  );
}

function setup(answer: () => Response, reloaded: WorkOrderPartLine = line) {
  const onReload = vi.fn();
  const api = fakeApi()
    .on('GET', '/parts', () => json({ data: [seal], total: 1, page: 1, limit: 20 }))
    .on('PATCH', '/work-orders/:id/parts/:lineId', answer)
    .on('POST', '/work-orders/:id/parts', () =>
      json({ line: { ...line, id: crypto.randomUUID() }, partOnHand: 10, partAvailable: 6 }, 201),
    );
  renderScreen(<Page reloaded={reloaded} onReload={onReload} />, { user: userWith('technician') });
  return { api, onReload };
}

/** A screen `width` pixels wide, as MUI's media queries read it. */
function onScreenWidth(width: number) {
  vi.stubGlobal('matchMedia', (media: string) => {
    const max = /max-width:\s*([\d.]+)px/.exec(media);
    const min = /min-width:\s*([\d.]+)px/.exec(media);
    const matches = (!max || width <= Number(max[1])) && (!min || width >= Number(min[1]));
    return { matches, media, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} };
  });
}

describe('moving a part line', () => {
  it('issues a reservation against the version shown', async () => {
    const { api } = setup(() => json({ line: { ...line, status: 'ISSUED', version: 5 }, partOnHand: 1, partAvailable: 1 }));
    await userEvent.click(await screen.findByRole('button', { name: 'Issue 2 × Shaft seal' }));
    await waitFor(() => expect(api.calls('PATCH', `/work-orders/${WORK_ORDER}/parts/${LINE}`)).toHaveLength(1));
    const [patch] = api.calls('PATCH', `/work-orders/${WORK_ORDER}/parts/${LINE}`);
    expect(patch!.headers.get('if-match')).toBe('"4"');
    expect(patch!.body).toEqual({ status: 'ISSUED' });
  });

  it('offers Reload when someone else moved the line first (412)', async () => {
    const { onReload } = setup(() => problem(412), { ...line, status: 'RELEASED', version: 5 });
    await userEvent.click(await screen.findByRole('button', { name: 'Release 2 × Shaft seal' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^Someone else changed this part/);
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(screen.getByRole('table', { name: 'Parts for this work order' })).toHaveTextContent('Released');
  });

  it('clears the 412 once the newer line is shown, however it came', async () => {
    const { onReload } = setup(() => problem(412), { ...line, status: 'ISSUED', version: 5 });
    await userEvent.click(await screen.findByRole('button', { name: 'Release 2 × Shaft seal' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Real-time update' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Return 2 × Shaft seal' })).toBeInTheDocument();
    expect(onReload).not.toHaveBeenCalled();
  });

  it('keeps each line and its actions in one column on a phone, the buttons tall enough for a finger', async () => {
    onScreenWidth(375);
    setup(() => json({}));
    const table = await screen.findByRole('table', { name: 'Parts for this work order' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Part']);
    const [cell] = within(table).getAllByRole('cell');
    expect(cell).toHaveTextContent('2 × SEAL-1 · Shaft seal');
    expect(cell).toHaveTextContent('Reserved');
    const issue = within(cell!).getByRole('button', { name: 'Issue 2 × Shaft seal' });
    expect(within(cell!).getByRole('button', { name: 'Release 2 × Shaft seal' })).toBeInTheDocument();
    expect(getComputedStyle(issue).minHeight).toBe('44px');
  });

  it('shows quantity, status and actions in their own columns on a wide screen', async () => {
    onScreenWidth(1280);
    setup(() => json({}));
    const table = await screen.findByRole('table', { name: 'Parts for this work order' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Part', 'Quantity', 'Status', 'Actions']);
  });
});

describe('reserving a part', () => {
  it('reserves the same part again as a second line, not as a replay of the first', async () => {
    const { api } = setup(() => json({}));
    await userEvent.click(screen.getByRole('combobox', { name: 'Part' }));
    await userEvent.click(await screen.findByRole('option', { name: /SEAL-1 · Shaft seal/ }));
    const reserve = screen.getByRole('button', { name: 'Reserve' });
    await userEvent.click(reserve);
    expect(await screen.findByRole('status')).toHaveTextContent('Reserved 2 × Shaft seal');
    await userEvent.click(reserve);
    await waitFor(() => expect(api.calls('POST', `/work-orders/${WORK_ORDER}/parts`)).toHaveLength(2));
    const [first, second] = api.calls('POST', `/work-orders/${WORK_ORDER}/parts`);
    expect(second!.body).toEqual(first!.body);
    expect(second!.headers.get('idempotency-key')).not.toBe(first!.headers.get('idempotency-key'));
  });

  it('sends a retry after a lost answer with the same key, so the server stores one line', async () => {
    const { api } = setup(() => json({}));
    api.on('POST', '/work-orders/:id/parts', () => Promise.reject(new TypeError('Failed to fetch')));
    await userEvent.click(screen.getByRole('combobox', { name: 'Part' }));
    await userEvent.click(await screen.findByRole('option', { name: /SEAL-1 · Shaft seal/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    await screen.findByText(/Can't reach the server/);
    await userEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    await waitFor(() => expect(api.calls('POST', `/work-orders/${WORK_ORDER}/parts`)).toHaveLength(2));
    const [first, second] = api.calls('POST', `/work-orders/${WORK_ORDER}/parts`);
    expect(second!.headers.get('idempotency-key')).toBe(first!.headers.get('idempotency-key'));
  });
});
