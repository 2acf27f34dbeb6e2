import { describe, expect, it } from 'vitest';
import { RateLimitedWarnings, parseMessage } from './mqtt-message';

const NOW = Date.UTC(2026, 10, 29, 8);
const parse = (topic: string, payload: string) => parseMessage(topic, Buffer.from(payload), NOW);

describe('parseMessage', () => {
  it('reads a plain number, stamped with the time it arrived', () => {
    expect(parse('acme/EQ-7/vibration', ' 4.25\n')).toEqual({
      ok: true,
      organizationSlug: 'acme',
      equipmentNumber: 'EQ-7',
      sensor: 'vibration',
      time: NOW,
      value: 4.25,
    });
    expect(parse('acme/EQ-7/vibration', '-1e3')).toMatchObject({ ok: true, value: -1000 });
  });

  it('reads JSON with a value and an ISO or epoch time', () => {
    expect(parse('acme/EQ-7/temp', '{"value": 61.5, "time": "2026-11-29T07:00:00Z"}')).toMatchObject({
      ok: true,
      value: 61.5,
      time: Date.UTC(2026, 10, 29, 7),
    });
    expect(parse('acme/EQ-7/temp', `{"value": 0, "time": ${NOW - 1000}}`)).toMatchObject({ ok: true, value: 0, time: NOW - 1000 });
    expect(parse('acme/EQ-7/temp', '{"value": 3}')).toMatchObject({ ok: true, time: NOW });
  });

  it('refuses topics that are not three levels', () => {
    expect(parse('acme/EQ-7', '1')).toEqual({ ok: false, reason: 'bad_topic' });
    expect(parse('acme/EQ-7/temp/extra', '1')).toEqual({ ok: false, reason: 'bad_topic' });
    expect(parse('acme//temp', '1')).toEqual({ ok: false, reason: 'bad_topic' });
  });

  it('refuses garbage, non-numbers and absurd times with a reason', () => {
    expect(parse('a/b/c', 'hello')).toEqual({ ok: false, reason: 'bad_payload' });
    expect(parse('a/b/c', '[1,2]')).toEqual({ ok: false, reason: 'bad_payload' });
    expect(parse('a/b/c', '{"reading": 1}')).toEqual({ ok: false, reason: 'bad_payload' });
    expect(parse('a/b/c', '{"value": "12"}')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parse('a/b/c', '{"value": null}')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parse('a/b/c', '{"value": 1, "time": "yesterday"}')).toEqual({ ok: false, reason: 'bad_time' });
    expect(parse('a/b/c', '{"value": 1, "time": "1999-12-31T23:59:59Z"}')).toEqual({ ok: false, reason: 'time_out_of_range' });
    expect(parse('a/b/c', `{"value": 1, "time": ${NOW + 2 * 86_400_000}}`)).toEqual({ ok: false, reason: 'time_out_of_range' });
    expect(parseMessage('a/b/c', Buffer.alloc(5000, 0x31), NOW)).toEqual({ ok: false, reason: 'bad_payload' });
  });
});

describe('RateLimitedWarnings', () => {
  it('warns once per reason per period and reports how many it held back', () => {
    let clock = 0;
    const warnings: string[] = [];
    const limiter = new RateLimitedWarnings(
      (message) => warnings.push(message),
      10_000,
      () => clock,
    );
    limiter.report('bad_payload', 'garbage on a/b/c');
    limiter.report('bad_payload', 'garbage on a/b/d');
    limiter.report('bad_topic', 'bad topic x');
    clock = 10_000;
    limiter.report('bad_payload', 'garbage on a/b/e');
    expect(warnings).toEqual(['garbage on a/b/c', 'bad topic x', 'garbage on a/b/e (1 more since the last warning)']);
  });
});
