import type { ScheduleAssignment, ScheduleRun } from '@msched/contracts';
import { createApp } from '../../src/app';
import { APP_CONFIG } from '../../src/app.tokens';
import type { AppConfig } from '../../src/config';
import { createOrganization, type OrganizationFixture } from './fixtures';
import { type RoleKey, type TestServer, client, tokensFor } from './server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The planning range of the scheduling tests: two weeks from a Monday (2031-03-03, UTC) to the
 * Saturday after the second Friday, far enough in the future not to depend on today.
 */
export const RANGE = { from: '2031-03-03T00:00:00.000Z', to: '2031-03-15T00:00:00.000Z' } as const;

/** Monday to Friday, 08:00–16:00 UTC: the shift every technician of these tests works. */
export const WEEKDAY_SHIFTS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' }));

/** A day of the range at an hour (UTC), e.g. `at(0, 9)` = Monday 09:00, `at(5, 9)` = Saturday 09:00. */
export const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.parse(RANGE.from) + day * DAY + hour * HOUR + minute * 60_000).toISOString();

/** The concrete shifts of WEEKDAY_SHIFTS within RANGE, as epoch-ms intervals. */
export function shiftsInRange(): { start: number; end: number }[] {
  const shifts: { start: number; end: number }[] = [];
  for (let day = Date.parse(RANGE.from); day < Date.parse(RANGE.to); day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 1 && weekday <= 5) shifts.push({ start: day + 8 * HOUR, end: day + 16 * HOUR });
  }
  return shifts;
}

/**
 * Whether an assignment is worked inside the shifts: it starts and ends inside a shift, and the
 * shift time between its start and end is exactly the job's length (work longer than what is
 * left of a shift continues in the next one, so start and end may lie on different days).
 */
export function insideShifts(assignment: Pick<ScheduleAssignment, 'start' | 'end'>, minutes: number): boolean {
  const start = Date.parse(assignment.start);
  const end = Date.parse(assignment.end);
  const shifts = shiftsInRange();
  const startsInShift = shifts.some((shift) => shift.start <= start && start < shift.end);
  const endsInShift = shifts.some((shift) => shift.start < end && end <= shift.end);
  const worked = shifts.reduce((sum, shift) => sum + Math.max(0, Math.min(end, shift.end) - Math.max(start, shift.start)), 0);
  return startsInShift && endsInShift && worked === minutes * 60_000;
}

/** Pairs of assignments that share a technician and overlap in time (empty when there are none). */
export function technicianOverlaps(assignments: readonly ScheduleAssignment[]): [string, string][] {
  const overlaps: [string, string][] = [];
  assignments.forEach((a, i) => {
    for (const b of assignments.slice(i + 1)) {
      const shared = a.technicianIds.some((id) => b.technicianIds.includes(id));
      if (shared && Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end))
        overlaps.push([a.workOrderId, b.workOrderId]);
    }
  });
  return overlaps;
}

export interface SchedulingOrganization {
  org: OrganizationFixture;
  tokens: Record<RoleKey, string>;
  api: (role: RoleKey) => ReturnType<typeof client>;
}

/**
 * A fresh organization (see `createOrganization`: Tess has mechanical 3 and electrical 2, Otto
 * mechanical 1) whose two technicians both work WEEKDAY_SHIFTS in UTC. Its own organization, so
 * that a solve, which takes every schedulable work order by default, sees only the test's work.
 */
export async function schedulingOrganization(server: TestServer, slug: string): Promise<SchedulingOrganization> {
  const org = await createOrganization(server.database, slug);
  const tokens = await tokensFor(server.baseUrl, org);
  const api = (role: RoleKey) => client(server.baseUrl, tokens[role]);
  for (const technicianId of [org.technicianId, org.otherTechnicianId]) {
    const response = await api('planner').put(`/api/v1/technicians/${technicianId}/availability`, {
      timezone: 'UTC',
      weeklyPattern: WEEKDAY_SHIFTS,
      exceptions: [],
    });
    if (response.status !== 200) throw new Error(`availability: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { org, tokens, api };
}

export interface JobSpec {
  title: string;
  estimatedDuration: number;
  requiredSkills?: { skill: string; minLevel: number }[];
  priority?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  dueDate?: string;
  /** Default CORRECTIVE. */
  type?: 'CORRECTIVE' | 'PREVENTIVE' | 'PREDICTIVE' | 'INSPECTION' | 'EMERGENCY';
}

export interface CreatedJob extends JobSpec {
  id: string;
  version: number;
}

/** Work orders created by the planner on the organization's pump; answers them with their ids. */
export async function createJobs(scheduling: SchedulingOrganization, specs: readonly JobSpec[]): Promise<CreatedJob[]> {
  const jobs: CreatedJob[] = [];
  for (const spec of specs) {
    const response = await scheduling.api('planner').post('/api/v1/work-orders', {
      type: 'CORRECTIVE',
      equipmentId: scheduling.org.equipmentId,
      ...spec,
    });
    if (response.status !== 201) throw new Error(`create work order: ${response.status} ${JSON.stringify(response.body)}`);
    jobs.push({ ...spec, id: response.body.id as string, version: response.body.version as number });
  }
  return jobs;
}

/** Five jobs both technicians can share: all within the range, none longer than four hours. */
export const FEASIBLE_JOBS: readonly JobSpec[] = [
  { title: 'Replace pump seal', estimatedDuration: 120, requiredSkills: [{ skill: 'mechanical', minLevel: 1 }], dueDate: at(4, 16) },
  {
    title: 'Realign coupling',
    estimatedDuration: 240,
    requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
    priority: 'HIGH',
    dueDate: at(3, 16),
  },
  { title: 'Check motor wiring', estimatedDuration: 90, requiredSkills: [{ skill: 'electrical', minLevel: 1 }], dueDate: at(7, 16) },
  { title: 'Clean strainer', estimatedDuration: 60, dueDate: at(8, 12) },
  {
    title: 'Grease bearings',
    estimatedDuration: 180,
    requiredSkills: [{ skill: 'mechanical', minLevel: 1 }],
    priority: 'LOW',
    dueDate: at(9, 16),
  },
];

/** Skill levels of the fixture's technicians (see `createOrganization`). */
export function fixtureSkills(org: OrganizationFixture): Record<string, Record<string, number>> {
  return {
    [org.technicianId]: { mechanical: 3, electrical: 2 },
    [org.otherTechnicianId]: { mechanical: 1 },
  };
}

/** Polls a run until `until` holds (default: it is no longer solving); fails after `timeoutMs`. */
export async function waitForRun(
  api: ReturnType<typeof client>,
  runId: string,
  until: (run: ScheduleRun) => boolean = (run) => run.status !== 'SOLVING',
  timeoutMs = 30_000,
): Promise<ScheduleRun> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await api.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
    if (response.status !== 200) throw new Error(`run ${runId}: ${response.status} ${JSON.stringify(response.body)}`);
    if (until(response.body)) return response.body;
    last = response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not get there within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
}

/** Starts a run (expects 202) and answers its id. */
export async function startRun(api: ReturnType<typeof client>, body: Record<string, unknown> = {}): Promise<string> {
  const response = await api.post('/api/v1/schedules/solve', { ...RANGE, timeLimitSeconds: 1, seed: 7, ...body });
  if (response.status !== 202) throw new Error(`solve: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.runId as string;
}

/**
 * A second instance of the server over the same database and cache (its own Nest application,
 * so its own in-memory state, e.g. the runs it is solving), as a cluster would have.
 */
export async function secondInstance(server: TestServer): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const config = server.app.get<symbol, AppConfig>(APP_CONFIG);
  const app = await createApp({ config, database: server.database, cache: server.cache });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
