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
   * Stores readings and evaluates the meter's PM plans in the same transaction. A COUNTER never
   * goes down unless the reading says the meter was replaced (409 otherwise, nothing stored).
   * A reading already stored (same meter and instant) is counted as a duplicate and changes
   * nothing; a late reading (older than the newest) is kept for history but triggers nothing.
   */
  async record(principal: Principal, id: string, request: MeterReadingsRequest): Promise<MeterReadingsResult> {
    const now = Date.now();
    const inputs = ('readings' in request ? request.readings : [request]).map((reading, index) => ({
      index,
      value: reading.value,
      readAt: reading.readAt ? new Date(reading.readAt) : new Date(now),
      replacement: reading.replacement,
    }));
    const future = inputs.filter((reading) => reading.readAt.getTime() > now + FUTURE_TOLERANCE_MS);
    if (future.length > 0) {
      throw AppError.validation(
        future.map((reading) => ({
          path: 'readings' in request ? `readings.${reading.index}.readAt` : 'readAt',
          message: 'must not be more than 5 minutes in the future',
        })),
      );
    }
    inputs.sort((a, b) => a.readAt.getTime() - b.readAt.getTime() || a.index - b.index);
    return this.database.transaction(async () => {
      const meter = await this.meters.find(principal.organizationId, id, { lock: true });
      if (!meter) throw AppError.notFound('Meter');
      const newest = meter.lastReadAt?.getTime() ?? Number.NEGATIVE_INFINITY;
      if (meter.kind === 'COUNTER') {
        let last = meter.lastValue;
        for (const reading of inputs) {
          if (reading.readAt.getTime() <= newest) continue; // late: history only
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
}
