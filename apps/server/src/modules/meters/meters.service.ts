import type {
  CreateMeter,
  Meter,
  MeterReading,
  MeterReadingsQuery,
  MeterReadingsRequest,
  MeterReadingsResult,
  Paged,
} from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { iso, isoOrNull } from '../../platform/http/mapping';
import { PmGenerator } from '../pm-plans/pm-generator';
import { type MeterReadingRow, type MeterRow, MetersRepository } from './meters.repository';

/** Readings may be at most this far in the future (clock skew of the device that sends them). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** No reading is older than this (the same floor as sensor readings). */
const EARLIEST_READ_AT_MS = Date.UTC(2000, 0, 1);

export const toMeter = (row: MeterRow): Meter => ({
  id: row.id,
  equipmentId: row.equipmentId,
  name: row.name,
  unit: row.unit,
  kind: row.kind,
  lastValue: row.lastValue,
  lastReadAt: isoOrNull(row.lastReadAt),
  createdAt: iso(row.createdAt),
});

const toReading = (row: MeterReadingRow): MeterReading => ({
  id: row.id,
  meterId: row.meterId,
  value: row.value,
  readAt: iso(row.readAt),
  replacement: row.replacement,
  createdAt: iso(row.createdAt),
});

@Injectable()
export class MetersService {
  constructor(
    private readonly database: Database,
    private readonly meters: MetersRepository,
    private readonly generator: PmGenerator,
  ) {}

  async create(principal: Principal, equipmentId: string, input: CreateMeter): Promise<Meter> {
    if (!(await this.meters.equipmentExists(principal.organizationId, equipmentId))) throw AppError.notFound('Equipment');
    const row = await this.meters
      .insert({ organizationId: principal.organizationId, equipmentId, name: input.name, unit: input.unit, kind: input.kind })
      .catch(onUniqueViolation(() => new AppError(ErrorCode.Duplicate, `This equipment already has a meter named ${input.name}`)));
    return toMeter(row);
  }

  async list(principal: Principal, equipmentId: string): Promise<Meter[]> {
    if (!(await this.meters.equipmentExists(principal.organizationId, equipmentId))) throw AppError.notFound('Equipment');
    return (await this.meters.ofEquipment(principal.organizationId, equipmentId)).map(toMeter);
  }

  async get(principal: Principal, id: string): Promise<Meter> {
    const meter = await this.meters.find(principal.organizationId, id);
    if (!meter) throw AppError.notFound('Meter');
    return toMeter(meter);
  }

  async readings(principal: Principal, id: string, query: MeterReadingsQuery): Promise<Paged<MeterReading>> {
    await this.get(principal, id);
    const { rows, total } = await this.meters.readings(id, query);
    return { data: rows.map(toReading), total, page: query.page, limit: query.limit };
  }

  /**
   * Stores readings and evaluates the meter's PM plans in the same transaction. Every reading's
   * time lies between 2000-01-01 and 5 minutes from now (400 otherwise). A COUNTER never goes
   * down unless the reading says the meter was replaced (409 otherwise, nothing stored); a late
   * reading (older than the newest) is kept for history and triggers nothing, and must fit the
   * same rule against the readings before and after it. A reading already stored (same meter and
   * instant) is counted as a duplicate and changes nothing.
   */
  async record(principal: Principal, id: string, request: MeterReadingsRequest): Promise<MeterReadingsResult> {
    const now = Date.now();
    const inputs: ReadingInput[] = ('readings' in request ? request.readings : [request]).map((reading, index) => ({
      index,
      value: reading.value,
      readAt: reading.readAt ? new Date(reading.readAt) : new Date(now),
      replacement: reading.replacement,
    }));
    assertPlausibleTimes(inputs, now, (reading) => ('readings' in request ? `readings.${reading.index}.readAt` : 'readAt'));
    inputs.sort((a, b) => a.readAt.getTime() - b.readAt.getTime() || a.index - b.index);
    return this.database.transaction(async () => {
      const meter = await this.meters.find(principal.organizationId, id, { lock: true });
      if (!meter) throw AppError.notFound('Meter');
      const newest = meter.lastReadAt?.getTime() ?? Number.NEGATIVE_INFINITY;
      if (meter.kind === 'COUNTER') {
        // Only what is stored is checked: the first reading of an instant; a repeat is a duplicate.
        assertCounterRises(meter.lastValue, firstOfEachInstant(inputs.filter((reading) => reading.readAt.getTime() > newest)));
        await this.assertLateCountersFit(
          id,
          inputs.filter((reading) => reading.readAt.getTime() <= newest),
        );
      }
      const stored = await this.meters.insertReadings(
        inputs.map((reading) => ({
          organizationId: principal.organizationId,
          meterId: id,
          value: reading.value,
          readAt: reading.readAt,
          replacement: reading.replacement,
        })),
      );
      const fresh = stored.filter((row) => row.readAt.getTime() > newest).sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
      let current = meter;
      if (fresh.length > 0) current = await this.meters.setLast(id, fresh[fresh.length - 1]!.value, fresh[fresh.length - 1]!.readAt);
      const generatedWorkOrderIds = await this.generator.onReadings(principal.organizationId, id, meter.lastValue, fresh);
      return { accepted: stored.length, duplicates: inputs.length - stored.length, meter: toMeter(current), generatedWorkOrderIds };
    });
  }

  /**
   * A late COUNTER reading lies between the readings around it, stored or in the same request:
   * not below the one before (unless it is a replacement) and not above the one after (unless
   * that one is a replacement, from which the counter starts again). `late` is in time order.
   */
  private async assertLateCountersFit(meterId: string, late: ReadingInput[]): Promise<void> {
    const distinct = firstOfEachInstant(late);
    const stored = await this.meters.neighbours(
      meterId,
      distinct.map((reading) => reading.readAt),
    );
    // A reading at an instant already stored is a duplicate and changes nothing.
    const kept = distinct.map((reading, i) => ({ reading, around: stored[i]! })).filter(({ around }) => !around.storedAt);
    kept.forEach(({ reading, around }, i) => {
      const previous = later(around.previous, kept[i - 1]?.reading);
      const next = earlier(around.next, kept[i + 1]?.reading);
      const at = reading.readAt.toISOString();
      if (previous && !reading.replacement && reading.value < previous.value) {
        throw new AppError(
          ErrorCode.Conflict,
          `Counter reading ${reading.value} at ${at} is lower than the earlier reading ${previous.value} at ${previous.readAt.toISOString()}; send replacement: true if the meter was replaced or reset`,
          { extensions: { previousValue: previous.value, nextValue: next?.value ?? null } },
        );
      }
      if (next && !next.replacement && reading.value > next.value) {
        throw new AppError(
          ErrorCode.Conflict,
          `Counter reading ${reading.value} at ${at} is higher than the later reading ${next.value} at ${next.readAt.toISOString()}; a late reading must lie between the readings before and after it`,
          { extensions: { previousValue: previous?.value ?? null, nextValue: next.value } },
        );
      }
    });
  }
}

interface ReadingInput {
  index: number;
  value: number;
  readAt: Date;
  replacement: boolean;
}

type Neighbour = { value: number; readAt: Date; replacement?: boolean };

const later = (a: Neighbour | null | undefined, b: Neighbour | undefined): Neighbour | null =>
  !a ? (b ?? null) : !b || a.readAt > b.readAt ? a : b;
const earlier = (a: Neighbour | null | undefined, b: Neighbour | undefined): Neighbour | null =>
  !a ? (b ?? null) : !b || a.readAt < b.readAt ? a : b;

/** Before 2000 is a typo or a dead clock, as for sensor readings; the future allows for device clock skew. */
function assertPlausibleTimes(inputs: readonly ReadingInput[], now: number, pathOf: (reading: ReadingInput) => string): void {
  const errors = inputs.flatMap((reading) => {
    const time = reading.readAt.getTime();
    if (time < EARLIEST_READ_AT_MS) return [{ path: pathOf(reading), message: 'must not be before 2000-01-01' }];
    if (time > now + FUTURE_TOLERANCE_MS) return [{ path: pathOf(reading), message: 'must not be more than 5 minutes in the future' }];
    return [];
  });
  if (errors.length > 0) throw AppError.validation(errors);
}

/** Fresh COUNTER readings (in time order) never go below the one before unless the meter was replaced. */
function assertCounterRises(lastValue: number | null, fresh: readonly ReadingInput[]): void {
  let last = lastValue;
  for (const reading of fresh) {
    if (last !== null && reading.value < last && !reading.replacement) {
      throw new AppError(
        ErrorCode.Conflict,
        `Counter reading ${reading.value} at ${reading.readAt.toISOString()} is lower than the previous ${last}; send replacement: true if the meter was replaced or reset`,
        { extensions: { lastValue: last } },
      );
    }
    last = reading.value;
  }
}

/** Readings in time order, less repeats of an instant: the first of each is the one stored, the others are duplicates. */
function firstOfEachInstant(readings: ReadingInput[]): ReadingInput[] {
  return readings.filter((reading, i) => i === 0 || reading.readAt.getTime() !== readings[i - 1]!.readAt.getTime());
}
