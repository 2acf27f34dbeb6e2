import { type RejectReason, readingProblem } from './reading-rules';

/**
 * One MQTT message to one reading. Topic `<orgSlug>/<equipmentNumber>/<sensor>`; payload a plain
 * number (`42.5`) or JSON `{ "value": 42.5, "time": "2026-11-29T08:00:00Z" }` (time also as
 * epoch milliseconds; without it, the time the server received it). Pure: the caller passes
 * the clock.
 */

export type MqttRejectReason = RejectReason | 'bad_topic' | 'bad_payload' | 'unknown_organization' | 'unknown_equipment' | 'store_failed';

export type ParsedMessage =
  | { ok: true; organizationSlug: string; equipmentNumber: string; sensor: string; time: number; value: number }
  | { ok: false; reason: MqttRejectReason };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Larger payloads are not readings; they are not parsed. */
const MAX_PAYLOAD_BYTES = 4096;

export function parseMessage(topic: string, payload: Buffer, now: number): ParsedMessage {
  const levels = topic.split('/');
  if (levels.length !== 3 || levels.some((level) => level.length === 0)) return { ok: false, reason: 'bad_topic' };
  const [organizationSlug, equipmentNumber, sensor] = levels as [string, string, string];
  if (payload.length > MAX_PAYLOAD_BYTES) return { ok: false, reason: 'bad_payload' };
  const text = payload.toString('utf8').trim();
  let value: unknown;
  let time: number = now;
  if (NUMBER.test(text)) {
    value = Number(text);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'bad_payload' };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !('value' in body)) return { ok: false, reason: 'bad_payload' };
    value = (body as { value: unknown }).value;
    const sent = (body as { time?: unknown }).time;
    if (sent !== undefined && sent !== null) {
      time = typeof sent === 'number' ? sent : typeof sent === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(sent) ? Date.parse(sent) : Number.NaN;
    }
  }
  const problem = readingProblem(time, value, now);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, organizationSlug, equipmentNumber, sensor, time, value: value as number };
}

/** At most one warning per reason per period; the ones in between are counted into the next. */
export class RateLimitedWarnings {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly warn: (message: string) => void,
    private readonly periodMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  report(reason: string, message: string): void {
    const now = this.clock();
    const entry = this.last.get(reason);
    if (entry && now - entry.at < this.periodMs) {
      entry.suppressed++;
      return;
    }
    const more = entry?.suppressed ? ` (${entry.suppressed} more since the last warning)` : '';
    this.last.set(reason, { at: now, suppressed: 0 });
    this.warn(`${message}${more}`);
  }
}
