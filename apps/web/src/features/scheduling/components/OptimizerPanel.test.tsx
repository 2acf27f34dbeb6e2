import type { ScheduleRun } from '@msched/contracts';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { at, booked, technician } from '../testing/board-fixtures';
import { boardRange } from '../utils/board-time';
import { formatDateTime } from '@/lib/format';
import { OptimizerPanel } from './OptimizerPanel';

const RUN_ID = '00000000-0000-4000-8000-000000000777';
const tomorrow = new Date();
tomorrow.setDate(tomorrow.getDate() + 1);
const range = boardRange('day', new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate()));

const ana = technician('Ana');
const ben = technician('Ben');
const names: Record<string, string> = { [ana.id]: 'Ana Tester', [ben.id]: 'Ben Tester' };

function run(overrides: Partial<ScheduleRun> = {}): ScheduleRun {
  return {
    runId: RUN_ID,
    status: 'SOLVING',
    mode: 'full',
    timeLimitSeconds: 10,
    from: new Date(range.start).toISOString(),
    to: new Date(range.end).toISOString(),
    score: null,
    progress: { elapsedMs: 0, bestScoreHistory: [] },
    assignments: [],
    unassigned: [],
    analysis: [],
    churn: null,
    error: null,
    publishedAt: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

function Harness({ initialRunId = null }: { initialRunId?: string | null }) {
  const [runId, setRunId] = useState(initialRunId);
  return <OptimizerPanel range={range} runId={runId} onRun={setRunId} nameOf={(id) => names[id] ?? 'another technician'} />;
}

function show(options: { live?: boolean; initialRunId?: string } = {}) {
  const client = fakeRealtimeClient();
  renderScreen(<Harness initialRunId={options.initialRunId} />, {
    user: userWith('planner'),
    realtime: options.live === false ? undefined : { client, bindings: [] },
  });
  return client;
}

describe('the optimizer panel', () => {
  it('runs the optimizer over the visible range with the time limit given', async () => {
    const api = fakeApi()
      .on('POST', '/schedules/solve', () => json({ runId: RUN_ID }, 202))
      .on('GET', '/schedules/runs/:runId', () => json(run()));
    show();
    const limit = screen.getByRole('spinbutton', { name: 'Time limit (seconds)' });
    await userEvent.clear(limit);
    await userEvent.type(limit, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Run optimizer' }));

    await waitFor(() => expect(api.calls('POST', '/schedules/solve')).toHaveLength(1));
    expect(api.calls('POST', '/schedules/solve')[0]!.body).toEqual({
      from: new Date(range.start).toISOString(),
      to: new Date(range.end).toISOString(),
      timeLimitSeconds: 5,
      mode: 'full',
    });
    expect(await screen.findByText('Solving…')).toBeInTheDocument();
  });

  it('plans only the priorities and types chosen, and says so', async () => {
    const api = fakeApi()
      .on('POST', '/schedules/solve', () => json({ runId: RUN_ID }, 202))
      .on('GET', '/schedules/runs/:runId', () => json(run()));
    show();
    expect(screen.getByText(/: all open and booked work, all active technicians/)).toBeInTheDocument();
    const choose = async (label: string, options: string[]) => {
      await userEvent.click(screen.getByRole('combobox', { name: label }));
      const listbox = await screen.findByRole('listbox');
      for (const option of options) await userEvent.click(within(listbox).getByRole('option', { name: option }));
      await userEvent.keyboard('{Escape}');
    };
    await choose('Priority', ['High', 'Critical']);
    await choose('Type', ['Emergency', 'Corrective']);
    expect(
      screen.getByText(/: open and booked emergency and corrective work of high or critical priority, all active/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Run optimizer' }));

    await waitFor(() => expect(api.calls('POST', '/schedules/solve')).toHaveLength(1));
    expect(api.calls('POST', '/schedules/solve')[0]!.body).toEqual({
      from: new Date(range.start).toISOString(),
      to: new Date(range.end).toISOString(),
      timeLimitSeconds: 10,
      filter: { priority: ['HIGH', 'CRITICAL'], type: ['EMERGENCY', 'CORRECTIVE'] },
      mode: 'full',
    });
  });

  it('follows the run live from progress events, and stops it on request', async () => {
    const api = fakeApi()
      .on('POST', '/schedules/solve', () => json({ runId: RUN_ID }, 202))
      .on('GET', '/schedules/runs/:runId', () => json(run()))
      .on('DELETE', '/schedules/runs/:runId', () => json(run({ status: 'STOPPED', score: { hard: 0, medium: -8, soft: -120 } })));
    const client = show();
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Time limit (seconds)' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Time limit (seconds)' }), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Run optimizer' }));
    const progress = await screen.findByRole('progressbar', { name: 'Optimizer progress' });
    expect(progress).toHaveAttribute('aria-valuenow', '0');

    const timestamp = new Date().toISOString();
    const bestScore = { hard: 0, medium: -8, soft: -120 };
    act(() => client.emit('schedule:progress', { runId: RUN_ID, status: 'SOLVING', elapsedMs: 2500, bestScore, timestamp }));
    await waitFor(() => expect(progress).toHaveAttribute('aria-valuenow', '50'));
    expect(screen.getByTestId('optimizer-best-score')).toHaveTextContent('2.5 s of 5 s · best score: 0 hard / -8 medium / -120 soft');
    expect(within(screen.getByRole('table', { name: 'Score history, newest first' })).getByText('2.5 s')).toBeInTheDocument();
    // An event of another run changes nothing.
    act(() => client.emit('schedule:progress', { runId: ben.id, status: 'SOLVING', elapsedMs: 4900, bestScore, timestamp }));
    expect(progress).toHaveAttribute('aria-valuenow', '50');

    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(api.calls('DELETE', `/schedules/runs/${RUN_ID}`)).toHaveLength(1));
    expect(await screen.findByText(/Stopped: the best plan found so far is kept/)).toBeInTheDocument();
  });

  it('keeps the clock going between progress events (pushed only when the score improves)', async () => {
    fakeApi()
      .on('POST', '/schedules/solve', () => json({ runId: RUN_ID }, 202))
      .on('GET', '/schedules/runs/:runId', () => json(run()));
    const client = show();
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Time limit (seconds)' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Time limit (seconds)' }), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Run optimizer' }));
    await screen.findByText('Solving…');
    const bestScore = { hard: 0, medium: -8, soft: -120 };
    act(() =>
      client.emit('schedule:progress', {
        runId: RUN_ID,
        status: 'SOLVING',
        elapsedMs: 2500,
        bestScore,
        timestamp: new Date().toISOString(),
      }),
    );
    await waitFor(() => expect(screen.getByTestId('optimizer-best-score')).toHaveTextContent(/^2\.5 s of 5 s/));
    // No event, no poll yet (the channel is live): the time still moves on.
    await waitFor(() => expect(screen.getByTestId('optimizer-best-score')).toHaveTextContent(/^(3|4)\.\d s of 5 s/), { timeout: 3000 });
    expect(Number(screen.getByRole('progressbar', { name: 'Optimizer progress' }).getAttribute('aria-valuenow'))).toBeGreaterThan(50);
  });

  it.each([
    ['is not there', false],
    ['stays silent', true],
  ])('asks the server for progress when the real-time channel %s', async (_case, live) => {
    let polls = 0;
    const api = fakeApi().on('GET', '/schedules/runs/:runId', () => {
      polls += 1;
      return json(polls < 2 ? run() : run({ status: 'DONE', score: { hard: 0, medium: 0, soft: -5 } }));
    });
    api.on('GET', '/work-orders', () => json(pageOf([]))).on('GET', '/technicians', () => json(pageOf([])));
    api.on('POST', '/schedules/analyze', () => json({ score: { hard: 0, medium: 0, soft: -5 }, analysis: [], unassigned: [] }));
    show({ live, initialRunId: RUN_ID });
    expect(await screen.findByText('Solving…')).toBeInTheDocument();
    expect(await screen.findByText(/Done: the time limit was reached/, {}, { timeout: 6000 })).toBeInTheDocument();
    expect(polls).toBeGreaterThanOrEqual(2);
  });
});

describe('the proposal', () => {
  const pump = booked(ana.id, at(9), at(10, 30), { title: 'Replace pump seal' });
  const gear = booked(ana.id, at(14), at(15), { title: 'Gearbox oil' });
  const filter = booked(ben.id, at(8), at(9), { title: 'Change filter' });
  const valve = workOrder({ title: 'Inspect valve' });
  const hose = workOrder({ title: 'Replace hose', priority: 'HIGH' });
  const done = run({
    status: 'DONE',
    score: { hard: 0, medium: -2, soft: -150 },
    assignments: [
      { workOrderId: pump.id, technicianIds: [ben.id], start: at(13), end: at(14, 30) },
      { workOrderId: valve.id, technicianIds: [ana.id], start: at(11), end: at(12) },
      { workOrderId: filter.id, technicianIds: [ben.id], start: at(8), end: at(9) },
    ],
    unassigned: [
      { workOrderId: gear.id, reasons: ['no technician has gearbox level 3'] },
      { workOrderId: hose.id, reasons: ['no shift time left before the due date'] },
    ],
  });

  function showProposal() {
    const api = fakeApi()
      .on('GET', '/schedules/runs/:runId', () => json(done))
      .on('GET', '/work-orders', () => json(pageOf([pump, gear, filter, valve, hose])))
      .on('GET', '/technicians', () => json(pageOf([ana, ben] as never[])))
      .on('POST', '/schedules/analyze', () => json({ score: { hard: -60, medium: -4, soft: -300 }, analysis: [], unassigned: [] }))
      .on('POST', '/schedules/runs/:runId/publish', () =>
        json({
          published: 2,
          unchanged: 1,
          unscheduled: 1,
          conflicts: [{ workOrderId: gear.id, reason: 'changed since the run started', status: 'SCHEDULED' }],
        }),
      );
    show({ initialRunId: RUN_ID });
    return api;
  }

  it('lists what moves, what stays unplanned and why, and the score before and after', async () => {
    const api = showProposal();
    const moves = await screen.findByRole('table', { name: 'Work that the proposal moves' });
    const rowOf = (number: string) => within(moves).getByTestId(`change-${number}`);
    expect(rowOf(pump.workOrderNumber)).toHaveTextContent(/Other technician.*Ana Tester.*Ben Tester/);
    expect(rowOf(valve.workOrderNumber)).toHaveTextContent(/Newly booked.*Unscheduled.*Ana Tester/);
    expect(rowOf(gear.workOrderNumber)).toHaveTextContent(/Taken off the plan: no technician has gearbox level 3.*Ana Tester.*Unscheduled/);
    expect(within(moves).queryByTestId(`change-${filter.workOrderNumber}`)).not.toBeInTheDocument();

    const unplanned = screen.getByRole('table', { name: 'Work the proposal leaves unplanned, with reasons' });
    expect(within(unplanned).getByTestId(`unassigned-${hose.workOrderNumber}`)).toHaveTextContent(
      /Replace hose.*High.*no shift time left before the due date/,
    );

    expect(await screen.findByTestId('score-verdict')).toHaveTextContent('The proposal is better than the current plan.');
    const scores = screen.getByRole('table', { name: 'Score of the current plan and of the proposal' });
    expect(within(scores).getByRole('row', { name: /^Hard/ })).toHaveTextContent(/-60.*0$/);
    // "Before" is the current bookings of the run's work, scored by the server.
    expect(api.calls('POST', '/schedules/analyze')[0]!.body).toEqual({
      from: done.from,
      to: done.to,
      workOrderIds: [pump.id, valve.id, filter.id, gear.id, hose.id],
      assignments: [
        { workOrderId: pump.id, technicianIds: [ana.id], start: pump.scheduledStartTime, end: pump.scheduledEndTime },
        { workOrderId: filter.id, technicianIds: [ben.id], start: filter.scheduledStartTime, end: filter.scheduledEndTime },
        { workOrderId: gear.id, technicianIds: [ana.id], start: gear.scheduledStartTime, end: gear.scheduledEndTime },
      ],
    });
  });

  it('publishes the run and reports the work it left alone', async () => {
    const api = showProposal();
    await userEvent.click(await screen.findByRole('button', { name: 'Publish schedule' }));
    await waitFor(() => expect(api.calls('POST', `/schedules/runs/${RUN_ID}/publish`)).toHaveLength(1));
    const result = await screen.findByText(/Published 2 work orders; 1 already as proposed/);
    expect(result).toHaveTextContent('1 with no room in the plan went back to the backlog');
    expect(result).toHaveTextContent(`${gear.workOrderNumber}: changed since the run started`);
  });
});

describe('the proposal, published elsewhere or explained', () => {
  const pump = booked(ana.id, at(9), at(10, 30), { title: 'Replace pump seal' });
  const valve = workOrder({ title: 'Inspect valve' });
  const hose = workOrder({ title: 'Replace hose', priority: 'HIGH' });

  function showRun(answer: () => ScheduleRun) {
    const api = fakeApi()
      .on('GET', '/schedules/runs/:runId', () => json(answer()))
      .on('GET', '/work-orders', () => json(pageOf([pump, valve, hose])))
      .on('GET', '/technicians', () => json(pageOf([ana, ben] as never[])))
      .on('POST', '/schedules/analyze', () => json({ score: { hard: 0, medium: -4, soft: -300 }, analysis: [], unassigned: [] }));
    show({ initialRunId: RUN_ID });
    return api;
  }

  it('shows the run as published, in the user’s own time, when someone else published it first (409)', async () => {
    const publishedAt = '2026-12-03T20:26:26.067Z';
    let stored = run({ status: 'DONE', score: { hard: 0, medium: 0, soft: -10 } });
    const api = showRun(() => stored);
    api.on('POST', '/schedules/runs/:runId/publish', () => {
      stored = { ...stored, publishedAt };
      return problem(409, { detail: `This run was already published at ${publishedAt}`, code: 'conflict' });
    });
    const publish = await screen.findByRole('button', { name: 'Publish schedule' });
    await userEvent.click(publish);

    const alert = await screen.findByText(/This run was already published/);
    expect(alert).toHaveTextContent(
      `This run was already published (${formatDateTime(publishedAt)}), perhaps by someone else: nothing was booked again.`,
    );
    expect(alert).not.toHaveTextContent(publishedAt);
    expect(screen.getByRole('button', { name: 'Publish schedule' })).toBeDisabled();
    expect(screen.getByText(`Published ${formatDateTime(publishedAt)}.`)).toBeInTheDocument();
  });

  it('says where the score comes from: each costing constraint, its level and total, and the work behind it', async () => {
    showRun(() =>
      run({
        status: 'DONE',
        score: { hard: 0, medium: -2, soft: -150 },
        analysis: [
          { constraint: 'skills', level: 'hard', total: 0, workOrders: [] },
          {
            constraint: 'lateness',
            level: 'soft',
            total: 150,
            workOrders: [
              { workOrderId: pump.id, penalty: 100 },
              { workOrderId: valve.id, penalty: 50 },
            ],
          },
          { constraint: 'unassigned', level: 'medium', total: 2, workOrders: [{ workOrderId: hose.id, penalty: 2 }] },
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Score of the proposal by constraint' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['Work left unplanned (by priority)Medium-21', 'Ends after its due dateSoft-1502']);
    expect(within(table).queryByText('Missing skills')).not.toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Show the 2 work orders behind “Ends after its due date”' }));
    expect(within(table).getByRole('link', { name: pump.workOrderNumber })).toHaveAttribute('href', `/work-orders/${pump.id}`);
    expect(within(table).getByRole('link', { name: valve.workOrderNumber }).closest('li')).toHaveTextContent(
      `${valve.workOrderNumber} Inspect valve · -50`,
    );
    await userEvent.click(within(table).getByRole('button', { name: 'Hide the 2 work orders behind “Ends after its due date”' }));
    expect(within(table).queryByRole('link', { name: pump.workOrderNumber })).not.toBeInTheDocument();
  });
});
