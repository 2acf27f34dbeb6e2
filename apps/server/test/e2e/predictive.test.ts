import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equipment } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import { DAY, HOUR, pumpLife, sendLife } from '../support/predictive-fixtures';
import { insertWorkOrders } from '../support/query-fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const ROLES: RoleKey[] = ['admin', 'manager', 'planner', 'technician', 'requester'];

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Predictive maintenance over HTTP: sensors, readings and series with roles and organizations,
 * the error shapes, reliability from history, training new model versions, and an assessment
 * run that ranks the fleet and opens one predictive work order for the pump about to fail.
 */
describe('predictive maintenance over HTTP', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignTokens: Record<RoleKey, string>;
  let pumpNumber = 0;

  const api = (key: RoleKey) => client(server.baseUrl, tokens[key]);

  beforeAll(async () => {
    // A high probability threshold: this file's work orders come from the remaining useful life.
    server = await startServer({ PREDICTIVE_RISK_THRESHOLD: '0.99' });
    org = await createOrganization(server.database, 'predict');
    foreign = await createOrganization(server.database, 'predict-foreign');
    [tokens, foreignTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, foreign)]);
  });
  afterAll(() => server?.close());

  /** A pump with vibration and bearing temperature sensors. */
  async function pump(installDate?: Date): Promise<string> {
    const [row] = await server.database.db
      .insert(equipment)
      .values({
        organizationId: org.organizationId,
        equipmentNumber: `P-${++pumpNumber}`,
        name: `Pump ${pumpNumber}`,
        type: 'Pump',
        locationId: org.locationId,
        maintenanceManagerId: org.users.manager.id,
        installDate,
      })
      .returning();
    for (const sensor of [
      { name: 'vibration', unit: 'mm/s', expectedMin: 0, expectedMax: 4.5 },
      { name: 'bearing temperature', unit: '°C', expectedMin: 20, expectedMax: 70 },
    ]) {
      expect((await api('planner').post(`/api/v1/equipment/${row!.id}/sensors`, sensor)).status).toBe(201);
    }
    return row!.id;
  }

  it('sensors: staff add and change them, everyone reads them, duplicates and stale versions are refused', async () => {
    const path = `/api/v1/equipment/${org.equipmentId}/sensors`;
    const created = await api('planner').post(path, { name: 'discharge pressure', unit: 'bar', expectedMin: 2, expectedMax: 8 });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(Object.keys(created.body).sort()).toEqual(
      ['createdAt', 'equipmentId', 'expectedMax', 'expectedMin', 'id', 'name', 'unit', 'updatedAt', 'version'].sort(),
    );
    expect((await api('manager').post(path, { name: 'discharge pressure', unit: 'bar' })).status).toBe(409);
    expect((await api('technician').post(path, { name: 'motor current', unit: 'A' })).status).toBe(403);
    for (const role of ROLES) expect((await api(role).get(path)).status, role).toBe(200);

    const sensorPath = `${path}/${created.body.id}`;
    const range = await api('planner').patch(sensorPath, { expectedMin: 9 });
    expect(range.status).toBe(400);
    expect(range.body.errors).toEqual([{ path: 'expectedMax', message: 'must be greater than expectedMin' }]);
    expect((await api('planner').patch(sensorPath, { unit: 'kPa' }, { 'if-match': '"7"' })).status).toBe(412);
    const changed = await api('planner').patch(sensorPath, { unit: 'kPa', expectedMax: 800 }, { 'if-match': '"1"' });
    expect(changed.body).toMatchObject({ unit: 'kPa', expectedMin: 2, expectedMax: 800, version: 2 });
    expect((await api('requester').delete(sensorPath)).status).toBe(403);
    expect((await api('admin').delete(sensorPath)).status).toBe(204);
    expect((await api('admin').delete(sensorPath)).status).toBe(404);
    expect((await api('planner').post(path, { name: 'a/b', unit: 'x' })).body.errors[0].path).toBe('name');
  });

  it('readings: technicians and staff send batches, requesters may not; a repeat is counted as duplicates', async () => {
    const pumpId = await pump();
    const time = new Date(Date.now() - HOUR).toISOString();
    const body = {
      readings: [
        { sensor: 'vibration', time, value: 2.5 },
        { sensor: 'bearing temperature', time, value: 58 },
      ],
    };
    const first = await api('technician').post(`/api/v1/equipment/${pumpId}/readings`, body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 2, duplicates: 0 });
    expect((await api('planner').post(`/api/v1/equipment/${pumpId}/readings`, body)).body).toEqual({ accepted: 0, duplicates: 2 });
    expect((await api('requester').post(`/api/v1/equipment/${pumpId}/readings`, body)).status).toBe(403);
  });

  it('refuses a bad batch with a problem document naming every bad row, and stores nothing of it', async () => {
    const pumpId = await pump();
    const time = new Date(Date.now() - HOUR).toISOString();
    const path = `/api/v1/equipment/${pumpId}/readings`;
    const unknown = await api('technician').post(path, {
      readings: [
        { sensor: 'vibration', time, value: 1 },
        { sensor: 'flow', time, value: 2 },
        { sensor: 'vibration', time: '1990-01-01T00:00:00Z', value: 3 },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(unknown.body.errors.map((error: { path: string }) => error.path)).toEqual(['readings.1.sensor', 'readings.2.time']);
    const notNumbers = await api('technician').post(path, {
      readings: [
        { sensor: 'vibration', time, value: 'high' },
        { sensor: 'vibration', time, value: null },
      ],
    });
    expect(notNumbers.body.errors.map((error: { path: string }) => error.path)).toEqual(['readings.0.value', 'readings.1.value']);
    // Two such readings in one hour would sum past a double in the hourly rollup.
    const huge = await api('technician').post(path, {
      readings: [
        { sensor: 'vibration', time, value: 1.5e308 },
        { sensor: 'vibration', time, value: -1e16 },
      ],
    });
    expect(huge.status).toBe(400);
    expect(huge.body.errors.map((error: { path: string }) => error.path)).toEqual(['readings.0.value', 'readings.1.value']);
    const tooMany = await api('technician').post(path, {
      readings: Array.from({ length: 5001 }, () => ({ sensor: 'vibration', time, value: 1 })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ path: 'readings', message: expect.stringContaining('at most 5000') });
    const series = await api('technician').get(`/api/v1/equipment/${pumpId}/sensors`);
    const vibration = series.body.find((sensor: { name: string }) => sensor.name === 'vibration');
    expect((await api('technician').get(`/api/v1/equipment/${pumpId}/sensors/${vibration.id}/series`)).body.points).toEqual([]);
  });

  it('answers 404 for another organization’s equipment and sensors on every route', async () => {
    const pumpId = await pump();
    const [sensor] = (await api('planner').get(`/api/v1/equipment/${pumpId}/sensors`)).body;
    const time = new Date().toISOString();
    const outsider = client(server.baseUrl, foreignTokens.planner);
    const calls = [
      outsider.get(`/api/v1/equipment/${pumpId}/sensors`),
      outsider.post(`/api/v1/equipment/${pumpId}/sensors`, { name: 'x', unit: 'x' }),
      outsider.patch(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}`, { unit: 'x' }),
      outsider.delete(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}`),
      outsider.post(`/api/v1/equipment/${pumpId}/readings`, { readings: [{ sensor: 'vibration', time, value: 1 }] }),
      outsider.get(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}/series`),
      outsider.get(`/api/v1/equipment/${pumpId}/health`),
      outsider.get(`/api/v1/predictive/reliability?equipmentId=${pumpId}`),
      api('planner').get(`/api/v1/equipment/${UNKNOWN_ID}/health`),
      api('planner').get(`/api/v1/equipment/${pumpId}/sensors/${UNKNOWN_ID}/series`),
    ];
    expect((await Promise.all(calls)).map((response) => response.status)).toEqual(calls.map(() => 404));
  });

  it('answers a series downsampled to the points asked for', async () => {
    const pumpId = await pump();
    const start = Date.now() - 10 * DAY;
    await sendLife(server.baseUrl, tokens.technician, pumpId, pumpLife(600, 7).slice(0, 200), start);
    const [sensor] = (await api('requester').get(`/api/v1/equipment/${pumpId}/sensors`)).body;
    const from = new Date(start).toISOString();
    const to = new Date(start + 200 * HOUR).toISOString();
    const raw = await api('requester').get(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}/series?from=${from}&to=${to}&points=500`);
    expect(raw.body).toMatchObject({ sensorId: sensor.id, resolution: 'raw', source: 'readings', bucketSeconds: null });
    expect(raw.body.points).toHaveLength(200);
    const coarse = await api('requester').get(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}/series?from=${from}&to=${to}&points=20`);
    // 10-hour buckets, or 11 when the range does not start on a 10-hour boundary (at most 20 of them).
    expect(coarse.body).toMatchObject({ resolution: 'bucketed', source: 'rollups' });
    expect([36_000, 39_600]).toContain(coarse.body.bucketSeconds);
    expect(coarse.body.points.length).toBeLessThanOrEqual(20);
    expect(coarse.body.points.reduce((sum: number, point: { count: number }) => sum + point.count, 0)).toBe(200);
    const backwards = await api('requester').get(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}/series?from=${to}&to=${from}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((error: { path: string }) => error.path)).toEqual(['from']);
    const tooFine = await api('requester').get(`/api/v1/equipment/${pumpId}/sensors/${sensor.id}/series?points=5000`);
    expect(tooFine.body.errors.map((error: { path: string }) => error.path)).toEqual(['points']);
  });

  it('refuses training without run-to-failure history (409), and to anyone but staff (403)', async () => {
    expect((await api('technician').post('/api/v1/predictive/models/train', { equipmentType: 'Pump' })).status).toBe(403);
    const none = await api('planner').post('/api/v1/predictive/models/train', { equipmentType: 'Turbine' });
    expect(none.status).toBe(409);
    expect(none.body.detail).toContain('Not enough run-to-failure history for Turbine');
    expect((await api('planner').post('/api/v1/predictive/models/train', {})).status).toBe(400);
    expect((await api('technician').get('/api/v1/predictive/models')).status).toBe(403);
    expect((await api('requester').post('/api/v1/predictive/score')).status).toBe(403);
    const reliability = await api('planner').get('/api/v1/predictive/reliability');
    expect(reliability.status).toBe(400);
    expect(reliability.body.errors[0].path).toBe('equipmentType');
  });

  describe('with a history of failures', () => {
    let failing: string;
    let healthy: string;

    beforeAll(async () => {
      // Five pumps that each failed twice, 120 to 90 days ago, repaired in four hours each time.
      const base = Date.now() - 120 * DAY;
      let number = 9000;
      for (let unit = 0; unit < 5; unit++) {
        const pumpId = await pump();
        let start = base + unit * 3 * DAY;
        for (const [life, hours] of [
          [0, 300 + 20 * unit],
          [1, 360 + 10 * unit],
        ] as const) {
          await sendLife(server.baseUrl, tokens.technician, pumpId, pumpLife(hours, unit * 10 + life), start);
          const failedAt = new Date(start + hours * HOUR);
          await insertWorkOrders(server.database, { organizationId: org.organizationId, equipmentId: pumpId }, [
            {
              number: ++number,
              type: 'CORRECTIVE',
              status: 'CLOSED',
              createdAt: failedAt,
              actualStartTime: new Date(failedAt.getTime() + HOUR),
              actualEndTime: new Date(failedAt.getTime() + 5 * HOUR),
              actualDuration: 240,
              requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
              completion: { failureMode: 'VIB', failureCause: 'wear', remedy: 'replace', firstTimeFix: true },
            },
          ]);
          start = failedAt.getTime() + 5 * HOUR;
        }
      }
      // Now: one pump 340 hours into a 380-hour life, one healthy for 200 hours.
      failing = await pump(new Date(Date.now() - 341 * HOUR));
      await sendLife(server.baseUrl, tokens.technician, failing, pumpLife(380, 99).slice(0, 340), Date.now() - 341 * HOUR);
      healthy = await pump(new Date(Date.now() - 201 * HOUR));
      await sendLife(server.baseUrl, tokens.technician, healthy, pumpLife(600, 98).slice(0, 200), Date.now() - 201 * HOUR);
    });

    it('answers MTBF, MTTR and a Weibull fit for the type and for one pump', async () => {
      const type = await api('technician').get('/api/v1/predictive/reliability?equipmentType=Pump&horizonDays=14');
      expect(type.status).toBe(200);
      expect(type.body).toMatchObject({
        equipmentType: 'Pump',
        equipmentId: null,
        failures: 10,
        mttrHours: 4,
        horizonDays: 14,
        ageHours: null,
      });
      expect(type.body.weibull).toMatchObject({ source: 'equipmentType' });
      expect(type.body.weibull.shapeBounds[0]).toBeLessThan(type.body.weibull.shape);
      const one = await api('requester').get(`/api/v1/predictive/reliability?equipmentId=${healthy}`);
      expect(one.body).toMatchObject({ equipmentId: healthy, failures: 0, mtbfHours: null, mttrHours: null, horizonDays: 30 });
      expect(one.body.ageHours).toBeCloseTo(201, 0);
      expect(one.body.failureProbability).toBeGreaterThanOrEqual(0);
      expect(one.body.failureProbability).toBeLessThanOrEqual(1);
    });

    it('answers the health of a pump not assessed yet, in the documented shape, without storing it', async () => {
      const health = await api('requester').get(`/api/v1/equipment/${failing}/health`);
      expect(health.status).toBe(200);
      expect(Object.keys(health.body).sort()).toEqual(
        [
          'anomalyScore',
          'asOf',
          'confidence',
          'drivers',
          'equipmentId',
          'failureProbability',
          'modelVersion',
          'predictiveWorkOrderId',
          'risk',
          'rul',
        ].sort(),
      );
      expect(health.body).toMatchObject({ equipmentId: failing, rul: null, modelVersion: null, predictiveWorkOrderId: null });
      expect(health.body.failureProbability).toMatchObject({ horizonDays: 30 });
      expect(health.body.anomalyScore).toBeGreaterThan(50);
      expect((await api('planner').get('/api/v1/predictive/fleet')).body.total).toBe(0);
    });

    it('trains versions in the background: each new one becomes active, with its evaluation', async () => {
      const first = await api('planner').post('/api/v1/predictive/models/train', { equipmentType: 'Pump' });
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ kind: 'rul', equipmentType: 'Pump', version: 1, status: 'TRAINING', active: false });
      expect(first.body.sensors).toEqual(['bearing temperature', 'vibration']);
      // Asked again while it trains: the same version answers, no second one queues behind it.
      const again = await api('manager').post('/api/v1/predictive/models/train', { equipmentType: 'Pump' });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ id: first.body.id, version: 1, status: 'TRAINING' });
      const ready = async (version: number) =>
        (await api('planner').get('/api/v1/predictive/models?equipmentType=Pump')).body.data.find(
          (model: { version: number; status: string }) => model.version === version && model.status !== 'TRAINING',
        );
      expect(await eventually(async () => Boolean(await ready(1)))).toBe(true);
      expect(await ready(1)).toMatchObject({ status: 'READY', active: true, error: null });
      const second = await api('manager').post('/api/v1/predictive/models/train', { equipmentType: 'Pump' });
      expect(second.body.version).toBe(2);
      expect(await eventually(async () => Boolean(await ready(2)))).toBe(true);
      const models = (await api('admin').get('/api/v1/predictive/models')).body;
      expect(models.data.map((model: { version: number; active: boolean }) => [model.version, model.active])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(Object.keys(models.data[0].evaluation).sort()).toEqual(['intervalCoverage', 'mae', 'phm08Score', 'rmse', 'units'].sort());
      expect(models.data[0].trainedOn).toMatchObject({ realRunToFailure: 10, simulated: 0 });
    });

    it('assesses the fleet: the failing pump ranks first and gets one predictive work order', async () => {
      const run = await api('planner').post('/api/v1/predictive/score');
      expect(run.status).toBe(200);
      expect(run.body.scored).toBeGreaterThanOrEqual(7);
      expect(run.body.openedWorkOrderIds).toHaveLength(1);
      const health = (await api('technician').get(`/api/v1/equipment/${failing}/health`)).body;
      expect(health).toMatchObject({ modelVersion: 'rul:Pump:v2', predictiveWorkOrderId: run.body.openedWorkOrderIds[0], risk: 100 });
      expect(health.rul.unit).toBe('hours');
      expect(health.rul.lower).toBeLessThanOrEqual(72);
      expect(health.rul.lower).toBeLessThanOrEqual(health.rul.estimate);
      expect(health.rul.estimate).toBeLessThanOrEqual(health.rul.upper);
      expect(health.confidence).toBeGreaterThanOrEqual(0);
      expect(health.drivers.length).toBeGreaterThan(0);

      const fleet = (await api('requester').get('/api/v1/predictive/fleet?equipmentType=Pump&limit=100')).body;
      expect(fleet.data[0].equipment.id).toBe(failing);
      const risks = fleet.data.map((item: { risk: number }) => item.risk);
      expect(risks).toEqual([...risks].sort((a, b) => b - a));
      expect(fleet.data.find((item: { equipmentId: string }) => item.equipmentId === healthy).risk).toBeLessThan(100);
      expect((await api('planner').get('/api/v1/predictive/fleet?equipmentType=Compressor')).body).toMatchObject({ data: [], total: 0 });

      const workOrder = (await api('planner').get(`/api/v1/work-orders/${run.body.openedWorkOrderIds[0]}`)).body;
      expect(workOrder).toMatchObject({
        type: 'PREDICTIVE',
        status: 'OPEN',
        equipmentId: failing,
        requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
      });
      expect(workOrder.description).toContain('model rul:Pump:v2');
      expect(new Date(workOrder.dueDate).getTime()).toBeLessThanOrEqual(Date.now() + 73 * HOUR);

      const again = await api('planner').post('/api/v1/predictive/score');
      expect(again.body.openedWorkOrderIds).toEqual([]);
      const notices = (await api('manager').get('/api/v1/notifications')).body.data;
      expect(notices.filter((notice: { workOrderId: string }) => notice.workOrderId === run.body.openedWorkOrderIds[0])).toHaveLength(1);
    });
  });
});
