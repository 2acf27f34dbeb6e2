import type { Technician, TechnicianSchedule, WorkOrder } from '@msched/contracts';
import { fakeApi, json, problem } from '@/test/fake-api';
import { technician as aTechnician, pageOf, workOrder } from '@/test/fixtures';
import type { TechnicianAvailability } from '../api/get-technician-availability';

/** Test data for the board: the day shown is Monday 16 November 2026, in the test runner's own zone. */
export const BOARD_URL = '/schedule?view=day&date=2026-11-16';
export const at = (hours: number, minutes = 0, day = 16) => new Date(2026, 10, day, hours, minutes).toISOString();
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

let counter = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function technician(firstName: string, overrides: Partial<Technician> = {}): Technician {
  counter += 1;
  return aTechnician({
    id: uuid(500 + counter),
    employeeId: `EMP-${String(counter).padStart(3, '0')}`,
    firstName,
    lastName: 'Tester',
    skills: [],
    hourlyRate: 40,
    ...overrides,
  });
}

/** Monday to Friday 07:00–15:00 in the runner's zone, with optional leave. */
export function dayShifts(technicianId: string, exceptions: TechnicianAvailability['exceptions'] = []): TechnicianAvailability {
  return {
    technicianId,
    timezone: LOCAL_ZONE,
    weeklyPattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '15:00' })),
    exceptions,
    version: 1,
  };
}

export function booked(technicianId: string, start: string, end: string, overrides: Partial<WorkOrder> = {}): WorkOrder {
  return workOrder({ status: 'SCHEDULED', technicianId, scheduledStartTime: start, scheduledEndTime: end, ...overrides });
}

/** The lists' answer to a search over 200 characters, as the API gives it. */
const tooLongSearch = (url: URL) =>
  (url.searchParams.get('search') ?? '').length > 200
    ? problem(400, { title: 'Invalid input', errors: [{ path: 'search', message: 'Too big: expected string to have <=200 characters' }] })
    : undefined;

export interface BoardData {
  technicians: Technician[];
  work: WorkOrder[];
  availability?: Record<string, TechnicianAvailability>;
}

/**
 * A fake API behind the board: technicians, their schedules (as lead or crew member) and availability, the backlog (OPEN
 * work; both lists refuse a search over 200 characters) and the assign endpoint, which books the work in the fake's store so refetches see it (against the
 * version in If-Match: 412 when the store holds another). `refuse` makes the next assignments answer
 * 409 with the server's detail; `changeElsewhere` is someone else's edit (a new version), unseen until asked.
 */
export function boardApi(data: BoardData) {
  let refusal: string | null = null;
  const store = new Map(data.work.map((item) => [item.id, item]));
  const api = fakeApi()
    .on('GET', '/technicians', ({ url }) => tooLongSearch(url) ?? json(pageOf(data.technicians as never[], { limit: 10 })))
    .on('GET', '/technicians/:id/availability', ({ url }) => {
      const id = url.pathname.split('/')[4]!;
      return json(data.availability?.[id] ?? dayShifts(id));
    })
    .on('GET', '/technicians/:id/schedule', ({ url }) => {
      const id = url.pathname.split('/')[4]!;
      const start = url.searchParams.get('start')!;
      const end = url.searchParams.get('end')!;
      const rows = [...store.values()].filter(
        (item) =>
          (item.technicianId === id || (item.crewTechnicianIds ?? []).includes(id)) &&
          item.status !== 'OPEN' &&
          Date.parse(item.scheduledStartTime!) < Date.parse(end) &&
          Date.parse(item.scheduledEndTime!) > Date.parse(start),
      );
      const schedule: TechnicianSchedule = {
        technicianId: id,
        start,
        end,
        workOrders: rows,
        totalWorkOrders: rows.length,
        totalHoursScheduled: rows.length,
        availableHours: 8,
        utilization: 12.5,
      };
      return json(schedule);
    })
    .on(
      'GET',
      '/work-orders',
      ({ url }) =>
        tooLongSearch(url) ??
        json(pageOf([...store.values()].filter((item) => url.searchParams.get('status') !== 'OPEN' || item.status === 'OPEN'))),
    )
    .on('POST', '/work-orders/:id/assign', ({ url, body, headers }) => {
      const id = url.pathname.split('/')[4]!;
      const current = store.get(id)!;
      if (headers.get('if-match') !== `"${current.version}"`) return problem(412, { code: 'precondition_failed' });
      if (refusal) return problem(409, { detail: refusal, code: 'assignment_conflict' });
      const booking = body as Pick<WorkOrder, 'technicianId' | 'scheduledStartTime' | 'scheduledEndTime'>;
      const updated = { ...current, ...booking, status: 'SCHEDULED' as const, version: current.version + 1 };
      store.set(id, updated);
      return json(updated);
    });
  const changeElsewhere = (id: string, changes: Partial<WorkOrder> = {}) => {
    const current = store.get(id)!;
    const changed = { ...current, ...changes, version: current.version + 1 };
    store.set(id, changed);
    return changed;
  };
  return {
    api,
    store,
    refuse: (detail: string | null) => (refusal = detail),
    changeElsewhere,
  };
}

/** A stand-in DataTransfer (jsdom has none) for drag-and-drop events. */
export function dataTransfer() {
  const values = new Map<string, string>();
  return {
    setData: (type: string, value: string) => void values.set(type, value),
    getData: (type: string) => values.get(type) ?? '',
    effectAllowed: 'all',
    dropEffect: 'none',
    types: [] as string[],
  };
}
