import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type MqttClient, connect } from 'mqtt';
import { Counter } from 'prom-client';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { isDatabaseUnavailable } from '../../platform/db/errors';
import { Metrics } from '../../platform/observability/metrics';
import { type MqttRejectReason, RateLimitedWarnings, parseMessage } from './mqtt-message';
import type { ReadingRow } from './readings.repository';
import { ReadingsIngest } from './readings-ingest';
import { type EquipmentRef, type SensorRow, SensorsRepository } from './sensors.repository';

const FLUSH_AFTER_MS = 200;
const FLUSH_AT = 2_000;
/** Topic look-ups are cached this long: a sensor added meanwhile is found within it. */
const LOOKUP_TTL_MS = 30_000;
/** Topics are chosen by whoever publishes: the caches are emptied rather than grow without bound. */
const MAX_CACHED = 10_000;

type Parsed = Extract<ReturnType<typeof parseMessage>, { ok: true }>;

/**
 * Takes sensor readings from an MQTT broker (enabled by MQTT_URL). Messages are parsed one by
 * one, buffered, and stored in batches; a bad message is counted per reason and warned about
 * (rate limited) and never stops the consumer. mqtt.js reconnects on its own.
 */
@Injectable()
export class MqttIngest implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('mqtt');
  private readonly warnings = new RateLimitedWarnings((message) => this.logger.warn(message));
  private readonly counter: Counter<'result' | 'reason'>;
  private client: MqttClient | undefined;
  private buffer: Parsed[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly equipmentCache = new Map<string, { at: number; equipment: EquipmentRef | undefined }>();
  private readonly sensorCache = new Map<string, { at: number; sensors: SensorRow[] }>();

  constructor(
    private readonly sensors: SensorsRepository,
    private readonly ingest: ReadingsIngest,
    metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.counter = new Counter({
      name: 'msched_mqtt_readings_total',
      help: 'MQTT readings by outcome: accepted, duplicate, or rejected with a reason.',
      labelNames: ['result', 'reason'] as const,
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    const url = this.config.mqttUrl;
    if (!url) return;
    const client = connect(url, {
      clientId: `msched-${randomBytes(6).toString('hex')}`,
      reconnectPeriod: 2_000,
      connectTimeout: 10_000,
    });
    this.client = client;
    client.on('connect', () => {
      client.subscribe(this.config.mqttTopic, { qos: 1 }, (error) => {
        if (error) this.warnings.report('subscribe', `MQTT subscribe failed: ${error.message}`);
        else this.logger.log(`Subscribed to ${this.config.mqttTopic} on ${new URL(url).host}`);
      });
    });
    client.on('error', (error) => this.warnings.report('connection', `MQTT: ${error.message}`));
    client.on('message', (topic, payload) => this.receive(topic, payload));
  }

  /** Resolves when everything received so far has been stored (tests, shutdown). */
  async drain(): Promise<void> {
    this.flushSoon(0);
    await new Promise((resolve) => setImmediate(resolve));
    await this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.client) return;
    await this.client.endAsync().catch(() => undefined);
    await this.drain();
    clearTimeout(this.timer);
  }

  private receive(topic: string, payload: Buffer): void {
    try {
      const parsed = parseMessage(topic, payload, Date.now());
      if (!parsed.ok) return this.reject(parsed.reason, topic);
      this.buffer.push(parsed);
      this.flushSoon(this.buffer.length >= FLUSH_AT ? 0 : FLUSH_AFTER_MS);
    } catch (error) {
      this.reject('bad_payload', `${topic} (${(error as Error).message})`);
    }
  }

  private reject(reason: MqttRejectReason, topic: string, count = 1): void {
    this.counter.inc({ result: 'rejected', reason }, count);
    this.warnings.report(reason, `MQTT reading on ${topic} refused: ${reason.replaceAll('_', ' ')}`);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One flush at a time, in arrival order.
      this.flushing = this.flushing.then(() => this.flush()).catch(() => undefined);
    }, delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.buffer.splice(0);
    if (batch.length === 0) return;
    const rows: ReadingRow[] = [];
    for (const message of batch) {
      const topic = `${message.organizationSlug}/${message.equipmentNumber}/${message.sensor}`;
      try {
        const equipment = await this.equipmentOf(message.organizationSlug, message.equipmentNumber);
        if (!equipment) {
          const known = await this.sensors.organizationExists(message.organizationSlug);
          this.reject(known ? 'unknown_equipment' : 'unknown_organization', topic);
          continue;
        }
        const sensor = (await this.sensorsOf(equipment.id)).find((candidate) => candidate.name === message.sensor);
        if (!sensor) {
          this.reject('unknown_sensor', topic);
          continue;
        }
        rows.push({ sensorId: sensor.id, organizationId: equipment.organizationId, time: new Date(message.time), value: message.value });
      } catch (error) {
        this.reject('store_failed', `${topic} (${(error as Error).message})`);
      }
    }
    await this.store(rows);
  }

  /**
   * Stores the rows in one transaction. If that fails for a reason of the rows (a sensor deleted
   * since it was looked up, say), each half is tried on its own, down to single rows: only the
   * rows at fault are refused, never another organization's readings that came in the same batch.
   * With the database unreachable, all of them are refused at once.
   */
  private async store(rows: readonly ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      const stored = await this.ingest.store(rows);
      this.counter.inc({ result: 'accepted', reason: '' }, stored);
      this.counter.inc({ result: 'duplicate', reason: '' }, rows.length - stored);
    } catch (error) {
      // What was looked up may be gone: look it up again.
      this.sensorCache.clear();
      this.equipmentCache.clear();
      if (rows.length === 1 || isDatabaseUnavailable(error)) {
        this.reject('store_failed', `${rows.length} readings (${(error as Error).message})`, rows.length);
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await this.store(rows.slice(0, half));
      await this.store(rows.slice(half));
    }
  }

  private async equipmentOf(slug: string, number: string): Promise<EquipmentRef | undefined> {
    const key = `${slug}/${number}`;
    const cached = this.equipmentCache.get(key);
    if (cached && Date.now() - cached.at < LOOKUP_TTL_MS) return cached.equipment;
    const equipment = await this.sensors.equipmentByNumber(slug, number);
    if (this.equipmentCache.size >= MAX_CACHED) this.equipmentCache.clear();
    this.equipmentCache.set(key, { at: Date.now(), equipment });
    return equipment;
  }

  private async sensorsOf(equipmentId: string): Promise<SensorRow[]> {
    const cached = this.sensorCache.get(equipmentId);
    if (cached && Date.now() - cached.at < LOOKUP_TTL_MS) return cached.sensors;
    const sensors = await this.sensors.ofEquipmentList([equipmentId]);
    if (this.sensorCache.size >= MAX_CACHED) this.sensorCache.clear();
    this.sensorCache.set(equipmentId, { at: Date.now(), sensors });
    return sensors;
  }
}
