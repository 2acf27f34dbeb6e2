import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equipment } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import { type ApiResponse, type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

const HOUR = 3_600_000;

/**
 * What meters and meter plans refuse over HTTP: a plan's meter stays on the plan's equipment
 * whichever of the two a PATCH changes; meter creation and readings honour Idempotency-Key; a
 * late COUNTER reading must fit between the readings around it; and a reading's time must be
 * plausible (from 2000 on, not more than 5 minutes ahead) whether it is late or not.
 */
describe('meter and meter-plan validation over HTTP', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let motorId: string;
  let meterCount = 0;

  const api = (key: RoleKey) => client(server.baseUrl, tokens[key]);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'meter-rules');
    tokens = await tokensFor(server.baseUrl, org);
    const [motor] = await server.database.db
      .insert(equipment)
      .values({
        organizationId: org.organizationId,
        equipmentNumber: 'EQ-2',
        name: 'Drive motor',
        type: 'Motor',
        locationId: org.locationId,
      })
      .returning();
    motorId = motor!.id;
  });
  afterAll(() => server?.close());

  const expectProblem = (response: ApiResponse, status: number, code: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, code });
  };

  async function newMeter(equipmentId: string, kind: 'COUNTER' | 'GAUGE' = 'COUNTER'): Promise<string> {
    const created = await api('planner').post(`/api/v1/equipment/${equipmentId}/meters`, {
      name: `Meter ${++meterCount}`,
      unit: 'h',
      kind,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  }

  const record = (meterId: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    api('technician').post(`/api/v1/meters/${meterId}/readings`, body, headers);

  const storedValues = async (meterId: string) =>
    (await api('technician').get(`/api/v1/meters/${meterId}/readings?limit=100`)).body.data.map((row: { value: number }) => row.value);

  describe('a PM plan’s meter stays on the plan’s equipment', () => {
    let pumpMeterId: string;
    let motorMeterId: string;
    let planId: string;

    beforeAll(async () => {
      pumpMeterId = await newMeter(org.equipmentId);
      motorMeterId = await newMeter(motorId);
      const plan = await api('planner').post('/api/v1/pm-plans', {
        name: '500 h pump service',
        equipmentIds: [org.equipmentId],
        template: { title: 'Service pump' },
        meter: { meterId: pumpMeterId, every: 500, startsAt: 0 },
      });
      expect(plan.status, JSON.stringify(plan.body)).toBe(201);
      planId = plan.body.id;
    });

    it('a PATCH of the meter alone to another equipment’s meter is a 400 and changes nothing', async () => {
      const response = await api('planner').patch(`/api/v1/pm-plans/${planId}`, { meter: { meterId: motorMeterId, every: 500 } });
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors).toEqual([{ path: 'meter.meterId', message: 'the meter must be on the plan’s equipment' }]);
      const plan = await api('planner').get(`/api/v1/pm-plans/${planId}`);
      expect(plan.body).toMatchObject({ version: 1, equipmentIds: [org.equipmentId], meter: { meterId: pumpMeterId } });
      // The motor's hours do not make pump work.
      expect((await record(motorMeterId, { value: 700 })).body.generatedWorkOrderIds).toEqual([]);
    });

    it('a PATCH of the equipment alone away from the meter is a 400 and changes nothing', async () => {
      const response = await api('planner').patch(`/api/v1/pm-plans/${planId}`, { equipmentIds: [motorId] });
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors).toEqual([{ path: 'equipmentIds', message: 'the meter must be on the plan’s equipment' }]);
      expect((await api('planner').get(`/api/v1/pm-plans/${planId}`)).body).toMatchObject({ version: 1, equipmentIds: [org.equipmentId] });
    });

    it('moving equipment and meter together is allowed', async () => {
      const response = await api('planner').patch(`/api/v1/pm-plans/${planId}`, {
        equipmentIds: [motorId],
        meter: { meterId: motorMeterId, every: 500 },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ version: 2, equipmentIds: [motorId], meter: { meterId: motorMeterId } });
    });
  });

  describe('Idempotency-Key on meter routes', () => {
    it('creating a meter twice with one key answers the first meter and makes one; another body with the key is a 422', async () => {
      const body = { name: 'Idempotent hours', unit: 'h' };
      const first = await api('planner').post(`/api/v1/equipment/${motorId}/meters`, body, { 'idempotency-key': 'meter-1' });
      const again = await api('planner').post(`/api/v1/equipment/${motorId}/meters`, body, { 'idempotency-key': 'meter-1' });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(again.status, JSON.stringify(again.body)).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');

      const other = await api('planner').post(
        `/api/v1/equipment/${motorId}/meters`,
        { name: 'Other hours', unit: 'h' },
        { 'idempotency-key': 'meter-1' },
      );
      expectProblem(other, 422, 'idempotency_key_reused');
      const names = (await api('planner').get(`/api/v1/equipment/${motorId}/meters`)).body.map((meter: { name: string }) => meter.name);
      expect(names.filter((name: string) => name === 'Idempotent hours')).toHaveLength(1);
      expect(names).not.toContain('Other hours');
    });

    it('a reading without readAt sent twice with one key is stored once; another body with the key is a 422', async () => {
      const meterId = await newMeter(motorId);
      const first = await record(meterId, { value: 10 }, { 'idempotency-key': 'reading-1' });
      const again = await record(meterId, { value: 10 }, { 'idempotency-key': 'reading-1' });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');

      expectProblem(await record(meterId, { value: 11 }, { 'idempotency-key': 'reading-1' }), 422, 'idempotency_key_reused');
      expect(await storedValues(meterId)).toEqual([10]);
    });
  });

  describe('late COUNTER readings fit between their neighbours', () => {
    const t = Date.now() - 24 * HOUR;
    const at = (hours: number) => new Date(t + hours * HOUR).toISOString();
    let meterId: string;

    beforeAll(async () => {
      meterId = await newMeter(org.equipmentId);
      expect(
        (
          await record(meterId, {
            readings: [
              { value: 100, readAt: at(0) },
              { value: 200, readAt: at(5) },
            ],
          })
        ).status,
      ).toBe(200);
    });

    it('one above the next reading is a 409 naming it, and nothing is stored', async () => {
      const response = await record(meterId, { value: 1_000_000, readAt: at(2) });
      expectProblem(response, 409, 'conflict');
      expect(response.body.detail).toContain('200');
      expect(await storedValues(meterId)).toEqual([200, 100]);
    });

    it('one below the previous reading is a 409 unless it is a replacement', async () => {
      const response = await record(meterId, { value: 50, readAt: at(2) });
      expectProblem(response, 409, 'conflict');
      expect(response.body.detail).toContain('replacement');
      expect(await storedValues(meterId)).toEqual([200, 100]);
    });

    it('a late batch is checked against itself too: none of a bad batch is stored', async () => {
      const response = await record(meterId, {
        readings: [
          { value: 130, readAt: at(3) },
          { value: 120, readAt: at(4) },
        ],
      });
      expectProblem(response, 409, 'conflict');
      expect(await storedValues(meterId)).toEqual([200, 100]);
    });

    it('one between its neighbours is kept for history; the meter’s value stays the newest', async () => {
      const response = await record(meterId, {
        readings: [
          { value: 150, readAt: at(2) },
          { value: 150, readAt: at(3) },
        ],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ accepted: 2, meter: { lastValue: 200, lastReadAt: at(5) } });
      // The same instant again is a duplicate whatever its value.
      expect((await record(meterId, { value: 150, readAt: at(2) })).body).toMatchObject({ accepted: 0, duplicates: 1 });
    });

    it('after a replacement the counter starts again: a late reading before it need not be lower', async () => {
      expect(
        (
          await record(meterId, {
            readings: [
              { value: 300, readAt: at(6) },
              { value: 10, readAt: at(7), replacement: true },
            ],
          })
        ).status,
      ).toBe(200);
      expect((await record(meterId, { value: 350, readAt: at(6.5) })).status).toBe(200);
      expectProblem(await record(meterId, { value: 5, readAt: at(6.75) }), 409, 'conflict');
      expect(await storedValues(meterId)).toEqual([10, 350, 300, 200, 150, 150, 100]);
    });

    it('a new COUNTER reading repeated at its instant with a lower value is a duplicate, not a 409', async () => {
      const counterId = await newMeter(org.equipmentId);
      const response = await record(counterId, {
        readings: [
          { value: 100, readAt: at(1) },
          { value: 90, readAt: at(1) },
        ],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ accepted: 1, duplicates: 1, meter: { lastValue: 100, lastReadAt: at(1) } });
      expect(await storedValues(counterId)).toEqual([100]);
    });

    it('a GAUGE may read anything late', async () => {
      const gaugeId = await newMeter(org.equipmentId, 'GAUGE');
      await record(gaugeId, {
        readings: [
          { value: 50, readAt: at(0) },
          { value: 60, readAt: at(5) },
        ],
      });
      expect((await record(gaugeId, { value: 1_000, readAt: at(2) })).status).toBe(200);
    });
  });

  describe('a reading’s time is plausible, late or not', () => {
    it('before 2000 is a 400 naming the field, on a meter with or without readings', async () => {
      const meterId = await newMeter(org.equipmentId);
      const ancient = await record(meterId, { value: 1, readAt: '1066-10-14T00:00:00Z' });
      expectProblem(ancient, 400, 'validation_failed');
      expect(ancient.body.errors).toEqual([{ path: 'readAt', message: expect.stringContaining('2000-01-01') }]);
      expectProblem(await record(meterId, { value: 1, readAt: '1999-12-31T23:59:59.999Z' }), 400, 'validation_failed');

      expect((await record(meterId, { value: 5, readAt: new Date(Date.now() - HOUR).toISOString() })).status).toBe(200);
      const batch = await record(meterId, {
        readings: [
          { value: 1, readAt: '2001-01-01T00:00:00Z' },
          { value: 0, readAt: '1970-01-01T00:00:00Z' },
        ],
      });
      expectProblem(batch, 400, 'validation_failed');
      expect(batch.body.errors).toEqual([{ path: 'readings.1.readAt', message: expect.stringContaining('2000-01-01') }]);
      expect(await storedValues(meterId)).toEqual([5]);

      // 2000-01-01 itself is fine, and late readings are still refused in the future.
      expect((await record(meterId, { value: 0, readAt: '2000-01-01T00:00:00Z' })).status).toBe(200);
      expectProblem(await record(meterId, { value: 9, readAt: new Date(Date.now() + HOUR).toISOString() }), 400, 'validation_failed');
    });
  });
});
