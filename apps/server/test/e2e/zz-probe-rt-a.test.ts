import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FEASIBLE_JOBS, RANGE, createJobs, schedulingOrganization, startRun, waitForRun } from '../support/schedule-fixtures';
import { type TestServer, client, startServer } from '../support/server';
import { SocketPool, request, resume, subscribe } from '../support/sockets';

describe('probe rt a', () => {
  let server: TestServer;
  const pool = new SocketPool(() => server.baseUrl);
  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => pool.closeAll());
  afterAll(() => server.close());

  it('odd solve/analyze inputs', async () => {
    const s = await schedulingOrganization(server, 'odd1');
    const jobs = await createJobs(s, FEASIBLE_JOBS.slice(0, 2));
    const p = s.api('planner');
    const cases: [string, string, unknown][] = [
      ['solve far future', '/api/v1/schedules/solve', { from: '9999-10-01T00:00:00Z', to: '9999-12-31T00:00:00Z', timeLimitSeconds: 0.5 }],
      ['solve dup ids', '/api/v1/schedules/solve', { ...RANGE, workOrderIds: [jobs[0]!.id, jobs[0]!.id], technicianIds: [s.org.technicianId, s.org.technicianId], timeLimitSeconds: 0.5 }],
      ['solve offset', '/api/v1/schedules/solve', { from: '2031-03-03T00:00:00+14:00', to: '2031-03-15T00:00:00-12:00', timeLimitSeconds: 0.5 }],
      ['analyze far future', '/api/v1/schedules/analyze', { from: '9999-10-01T00:00:00Z', to: '9999-12-31T00:00:00Z', assignments: [] }],
      ['analyze dup assignment', '/api/v1/schedules/analyze', { ...RANGE, assignments: [
        { workOrderId: jobs[0]!.id, technicianIds: [s.org.technicianId], start: '2031-03-03T08:00:00Z', end: '2031-03-03T10:00:00Z' },
        { workOrderId: jobs[0]!.id, technicianIds: [s.org.technicianId], start: '2031-03-04T08:00:00Z', end: '2031-03-04T10:00:00Z' },
      ] }],
      ['analyze dup techs', '/api/v1/schedules/analyze', { ...RANGE, assignments: [
        { workOrderId: jobs[0]!.id, technicianIds: [s.org.technicianId, s.org.technicianId], start: '2031-03-03T08:00:00Z', end: '2031-03-03T10:00:00Z' },
      ] }],
      ['analyze outside range', '/api/v1/schedules/analyze', { ...RANGE, assignments: [
        { workOrderId: jobs[0]!.id, technicianIds: [s.org.technicianId], start: '2040-03-03T08:00:00Z', end: '2040-03-03T10:00:00Z' },
      ] }],
      ['analyze huge span', '/api/v1/schedules/analyze', { ...RANGE, assignments: [
        { workOrderId: jobs[0]!.id, technicianIds: [s.org.technicianId], start: '1000-03-03T08:00:00Z', end: '9999-03-03T10:00:00Z' },
      ] }],
      ['analyze crew 3 on job crew 1', '/api/v1/schedules/analyze', { ...RANGE, assignments: [
        { workOrderId: jobs[0]!.id, technicianIds: [s.org.technicianId, s.org.otherTechnicianId], start: '2031-03-03T08:00:00Z', end: '2031-03-03T10:00:00Z' },
      ] }],
    ];
    for (const [name, path, body] of cases) {
      const r = await p.post(path, body);
      console.log(name, r.status, JSON.stringify(r.body).slice(0, 300));
      if (r.status === 202) {
        const run = await waitForRun(p, r.body.runId);
        console.log('  run', run.status, run.error);
      }
    }
    for (const path of ['/api/v1/schedules/runs/00000000-0000-0000-0000-000000000000', '/api/v1/schedules/runs/ffffffff-ffff-ffff-ffff-ffffffffffff', '/api/v1/schedules/runs/%00', '/api/v1/schedules/runs/' + 'a'.repeat(5000)]) {
      const r = await p.get(path);
      console.log('GET', path.slice(0, 60), r.status);
      const d = await p.delete(path);
      console.log('DEL', path.slice(0, 60), d.status);
      const pub = await p.post(path + '/publish');
      console.log('PUB', path.slice(0, 60), pub.status);
    }
    const r = await client(server.baseUrl, s.tokens.planner).raw('POST', '/api/v1/schedules/solve', 'null');
    console.log('null body', r.status);
    const r2 = await client(server.baseUrl, s.tokens.planner).raw('POST', '/api/v1/schedules/solve', '[]');
    console.log('array body', r2.status);
    const r3 = await p.post('/api/v1/schedules/solve', { ...RANGE, timeLimitSeconds: 0.5 }, { 'idempotency-key': 'x'.repeat(10000) });
    console.log('long key', r3.status, JSON.stringify(r3.body).slice(0, 200));
    const r4 = await p.post('/api/v1/schedules/solve', { ...RANGE, timeLimitSeconds: 0.5 }, { 'idempotency-key': '' });
    console.log('empty key', r4.status, JSON.stringify(r4.body).slice(0, 200));
    if (r4.status === 202) await waitForRun(p, r4.body.runId);
    if (r3.status === 202) await waitForRun(p, r3.body.runId);
  }, 120_000);

  it('odd socket payloads', async () => {
    const s = await schedulingOrganization(server, 'odd2');
    const { socket } = await pool.connect(s.tokens.technician);
    const payloads: [string, unknown][] = [
      ['subscribe', { rooms: ['workorder:' + 'A'.repeat(8) + '-AAAA-4AAA-8AAA-' + 'A'.repeat(12)] }],
      ['subscribe', { rooms: ['user:'] }],
      ['subscribe', { rooms: [':'] }],
      ['subscribe', { rooms: ['workorder:00000000-0000-0000-0000-000000000000'] }],
      ['unsubscribe', { rooms: ['__proto__'] }],
      ['resume', { lastEventId: 1e300 }],
      ['resume', { lastEventId: 9007199254740991 }],
      ['resume', { lastEventId: -0 }],
      ['reconnect', { token: 'x'.repeat(4096) }],
      ['reconnect', { token: s.tokens.otherTechnician }],
      ['reconnect', { token: s.tokens.technician + ' ' }],
    ];
    for (const [event, payload] of payloads) {
      const ack = await request(socket, event, payload).catch((e) => `ERR ${e.message}`);
      console.log(event, JSON.stringify(payload).slice(0, 80), '=>', JSON.stringify(ack).slice(0, 300));
    }
    console.log('connected still', socket.connected);
    console.log(await resume(socket, 0));
    console.log(await subscribe(socket, ['system:all']));
  }, 60_000);
});
