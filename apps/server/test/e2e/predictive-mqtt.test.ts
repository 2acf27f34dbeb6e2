import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { type MqttClient, connectAsync } from 'mqtt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

const BROKER = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

/** Polls `check` until it answers true, at most `timeoutMs`; answers whether it did. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fails the file with a clear message when the broker is down, rather than skipping it. */
async function brokerReachable(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = connectTcp({ host: hostname, port: Number(port || 1883) }, () => {
      socket.end();
      resolve();
    });
    socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
    socket.on('error', (error) =>
      reject(
        new Error(
          `The MQTT broker at ${url} is not reachable (${error.message}): start it with \`mosquitto -d -c /etc/mosquitto/mosquitto.conf\``,
        ),
      ),
    );
  });
}

/**
 * Readings over MQTT against the real Mosquitto broker: JSON and plain-number payloads land,
 * garbage and unknown sensors are counted per reason in /metrics, and the consumer keeps
 * ingesting after them. The organization's slug is unique per run, so other users of the broker
 * do not meet these topics.
 */
describe('sensor readings over MQTT', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let publisher: MqttClient;
  let slug: string;
  const sensorIds: Record<string, string> = {};

  beforeAll(async () => {
    await brokerReachable(BROKER);
    server = await startServer({ MQTT_URL: BROKER });
    slug = `mqtt-${randomBytes(5).toString('hex')}`;
    org = await createOrganization(server.database, slug);
    tokens = await tokensFor(server.baseUrl, org);
    for (const name of ['vibration', 'temperature']) {
      const created = await client(server.baseUrl, tokens.planner).post(`/api/v1/equipment/${org.equipmentId}/sensors`, {
        name,
        unit: 'x',
      });
      sensorIds[name] = created.body.id;
    }
    publisher = await connectAsync(BROKER, { clientId: `msched-test-${randomBytes(4).toString('hex')}` });
    // The server subscribes once connected; wait for the subscription before publishing.
    expect(await eventually(() => subscribed(), 10_000)).toBe(true);
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await server?.close();
  });

  /** Whether the server receives what is published now: a probe on a topic nobody else uses. */
  async function subscribed(): Promise<boolean> {
    const before = await metric('rejected', 'unknown_equipment');
    await publisher.publishAsync(`${slug}/probe/probe`, '1', { qos: 1 });
    return eventually(async () => (await metric('rejected', 'unknown_equipment')) > before, 500);
  }

  async function metric(result: string, reason: string): Promise<number> {
    const text = (await client(server.baseUrl).get<string>('/metrics')).body;
    const line = text
      .split('\n')
      .find((candidate) => candidate.startsWith(`msched_mqtt_readings_total{result="${result}",reason="${reason}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  const values = async (sensor: string) =>
    (
      await server.database.rows<{ value: number; time: Date }>(
        sql`select value, time from sensor_readings where sensor_id = ${sensorIds[sensor]!} order by time`,
      )
    ).map((row) => row.value);

  it('stores JSON payloads with their time, and plain numbers at the time they arrive', async () => {
    const time = new Date(Date.now() - 3_600_000);
    const before = Date.now();
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, JSON.stringify({ value: 4.25, time: time.toISOString() }), { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-1/temperature`, '61.5', { qos: 1 });
    expect(await eventually(async () => (await values('vibration')).length === 1 && (await values('temperature')).length === 1)).toBe(true);
    const [vibration] = await server.database.rows<{ time: Date }>(
      sql`select time from sensor_readings where sensor_id = ${sensorIds.vibration!}`,
    );
    expect(new Date(vibration!.time).getTime()).toBe(time.getTime());
    const [temperature] = await server.database.rows<{ time: Date; value: number }>(
      sql`select time, value from sensor_readings where sensor_id = ${sensorIds.temperature!}`,
    );
    expect(temperature!.value).toBe(61.5);
    expect(new Date(temperature!.time).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('stores a repeated message once', async () => {
    const payload = JSON.stringify({ value: 7, time: new Date(Date.now() - 7_200_000).toISOString() });
    const duplicates = await metric('duplicate', '');
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, payload, { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, payload, { qos: 1 });
    expect(await eventually(async () => (await metric('duplicate', '')) >= duplicates + 1)).toBe(true);
    expect((await values('vibration')).filter((value) => value === 7)).toHaveLength(1);
  });

  it('counts garbage, unknown sensors and equipment per reason, and keeps ingesting the next good reading', async () => {
    const [badPayload, unknownSensor, unknownEquipment, notANumber] = await Promise.all([
      metric('rejected', 'bad_payload'),
      metric('rejected', 'unknown_sensor'),
      metric('rejected', 'unknown_equipment'),
      metric('rejected', 'not_a_number'),
    ]);
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, 'twelve and a half', { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, Buffer.from([0xff, 0x00, 0xfe]), { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, '{"value": "12"}', { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-1/pressure`, '3', { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-404/vibration`, '3', { qos: 1 });
    await publisher.publishAsync(`${slug}/EQ-1/vibration`, '99.5', { qos: 1 });
    expect(await eventually(async () => (await values('vibration')).includes(99.5))).toBe(true);
    expect(await metric('rejected', 'bad_payload')).toBeGreaterThanOrEqual(badPayload + 2);
    expect(await metric('rejected', 'not_a_number')).toBeGreaterThanOrEqual(notANumber + 1);
    expect(await metric('rejected', 'unknown_sensor')).toBeGreaterThanOrEqual(unknownSensor + 1);
    expect(await metric('rejected', 'unknown_equipment')).toBeGreaterThanOrEqual(unknownEquipment + 1);
    expect(await metric('accepted', '')).toBeGreaterThanOrEqual(3);
  });

  it('refuses a value beyond 1e15 by itself, so an hour of readings always sums to a number', async () => {
    const outOfRange = await metric('rejected', 'value_out_of_range');
    const time = new Date(Date.now() - 5 * 3_600_000).getTime();
    for (const [offset, value] of [
      [0, '1.5e308'],
      [1, '1.5e308'],
      [2, '123.25'],
    ] as const)
      await publisher.publishAsync(`${slug}/EQ-1/vibration`, JSON.stringify({ value: Number(value), time: time + offset * 1000 }), {
        qos: 1,
      });
    expect(await eventually(async () => (await values('vibration')).includes(123.25))).toBe(true);
    expect(await metric('rejected', 'value_out_of_range')).toBe(outOfRange + 2);
  });

  it('a reading for a sensor deleted meanwhile is refused alone: another organization’s readings in the same batch are stored', async () => {
    const otherSlug = `mqtt-${randomBytes(5).toString('hex')}`;
    const other = await createOrganization(server.database, otherSlug);
    const otherPlanner = client(server.baseUrl, (await tokensFor(server.baseUrl, other)).planner);
    const gauge = await otherPlanner.post(`/api/v1/equipment/${other.equipmentId}/sensors`, { name: 'flow', unit: 'l/min' });
    expect(gauge.status).toBe(201);
    const planner = client(server.baseUrl, tokens.planner);
    // On equipment of its own, which the consumer has not looked up yet.
    const press = await planner.post('/api/v1/equipment', { equipmentNumber: 'PRESS-9', name: 'Press', type: 'Press' });
    expect(press.status).toBe(201);
    const doomed = await planner.post(`/api/v1/equipment/${press.body.id}/sensors`, { name: 'doomed', unit: 'x' });
    expect(doomed.status).toBe(201);
    // Read once over MQTT, so the sensor is among those looked up; then deleted.
    await publisher.publishAsync(`${slug}/PRESS-9/doomed`, '1', { qos: 1 });
    const storedFor = async (sensorId: string) =>
      (await server.database.rows<{ n: number }>(sql`select count(*)::int as n from sensor_readings where sensor_id = ${sensorId}`))[0]!.n;
    expect(await eventually(async () => (await storedFor(doomed.body.id)) === 1)).toBe(true);
    expect((await planner.delete(`/api/v1/equipment/${press.body.id}/sensors/${doomed.body.id}`)).status).toBe(204);
    const failed = await metric('rejected', 'store_failed');

    const start = Date.now() - 3_600_000;
    await Promise.all([
      publisher.publishAsync(`${slug}/PRESS-9/doomed`, '2', { qos: 1 }),
      ...Array.from({ length: 20 }, (_, i) =>
        publisher.publishAsync(`${otherSlug}/EQ-1/flow`, JSON.stringify({ value: i, time: start + i * 1000 }), { qos: 1 }),
      ),
    ]);

    expect(await eventually(async () => (await storedFor(gauge.body.id)) === 20)).toBe(true);
    expect(await eventually(async () => (await metric('rejected', 'store_failed')) === failed + 1)).toBe(true);
  });

  it('takes a burst of readings in batches', async () => {
    const start = Date.now() - 86_400_000;
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        publisher.publishAsync(`${slug}/EQ-1/temperature`, JSON.stringify({ value: i, time: new Date(start + i * 1000).toISOString() }), {
          qos: 1,
        }),
      ),
    );
    expect(await eventually(async () => (await values('temperature')).length === 501, 20_000)).toBe(true);
  });
});
