import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { HistoryRepository } from './history.repository';
import type { ReadingRow } from './readings.repository';
import { ReadingsIngest } from './readings-ingest';
import { SensorsRepository } from './sensors.repository';
import { type TwinRow, TwinsRepository } from './twins.repository';
import { HOUR_MS, nextLife, twinSamples } from './twin-profiles';

/**
 * The demo's digital twins: each feeds one piece of equipment with the readings of a simulated
 * degradation, on a clock that runs PREDICTIVE_SIMULATOR_SPEEDUP times faster than real time
 * until it has caught up with now (the seed leaves it a week behind), then in real time. Twin
 * readings are stamped with simulated time, one per sensor per simulated hour, so the models
 * see what they were trained on. A repair of the equipment (a finished corrective or predictive
 * work order) starts a new life: a healthy unit that will degrade again days later.
 */
@Injectable()
export class DigitalTwins implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('twins');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly twins: TwinsRepository,
    private readonly sensors: SensorsRepository,
    private readonly history: HistoryRepository,
    private readonly ingest: ReadingsIngest,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.predictive.simulator) return;
    this.timer = setInterval(() => this.tickSoon(), this.config.predictive.simulatorTickMs);
    this.timer.unref();
    this.tickSoon();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tickSoon(): void {
    if (this.running) return;
    this.running = this.tick()
      .catch((error: unknown) => this.logger.warn(`Twin tick failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
      });
  }

  /** Advances every twin by one tick of simulated time (at most up to now). */
  async tick(now = Date.now()): Promise<void> {
    const step = this.config.predictive.simulatorSpeedup * this.config.predictive.simulatorTickMs;
    for (const twin of await this.twins.all()) {
      const current = await this.renewIfRepaired(twin);
      const clock = current.clock.getTime();
      const target = Math.min(Math.floor(now / HOUR_MS) * HOUR_MS, clock + step);
      if (target <= clock) continue;
      const samples = twinSamples(current, clock, target);
      const byName = new Map((await this.sensors.ofEquipmentList([twin.equipmentId])).map((sensor) => [sensor.name, sensor.id]));
      const rows: ReadingRow[] = samples.flatMap((sample) =>
        Object.entries(sample.values).flatMap(([name, value]) => {
          const sensorId = byName.get(name);
          return sensorId ? [{ sensorId, organizationId: twin.organizationId, time: new Date(sample.t * HOUR_MS), value }] : [];
        }),
      );
      await this.ingest.store(rows);
      await this.twins.update(twin.equipmentId, { clock: new Date(target) });
    }
  }

  /** A repair finished after this life began: the unit is healthy again from then on. */
  private async renewIfRepaired(twin: TwinRow): Promise<TwinRow> {
    const restored = await this.history.lastRestoration(twin.equipmentId);
    if (!restored || restored <= twin.lifeStart) return twin;
    // From the first whole hour after the repair (and after what the twin already sent).
    const lifeStart = new Date(Math.ceil(Math.max(restored.getTime(), twin.clock.getTime()) / HOUR_MS) * HOUR_MS);
    const seed = twin.seed + 1;
    const life = nextLife(twin.profile, seed, lifeStart.getTime());
    const renewed = { ...twin, seed, lifeStart, clock: lifeStart, degradationStart: life.degradationStart, failAt: life.failAt };
    await this.twins.update(twin.equipmentId, {
      seed,
      lifeStart,
      clock: lifeStart,
      degradationStart: life.degradationStart,
      failAt: life.failAt,
    });
    this.logger.log(`Twin of ${twin.equipmentId} repaired: a new life from ${lifeStart.toISOString()}`);
    return renewed;
  }
}
