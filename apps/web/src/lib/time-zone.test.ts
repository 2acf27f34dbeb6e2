import { describe, expect, it } from 'vitest';
import { offsetAt } from './time-zone';

const WINTER = new Date('2026-12-03T12:00:00Z');

describe('offsetAt', () => {
  it('reads a zone’s offset at an instant, daylight saving and half hours included', () => {
    expect(offsetAt('UTC', WINTER.getTime())).toBe(0);
    expect(offsetAt('Europe/Berlin', WINTER.getTime()) / 60_000).toBe(60);
    expect(offsetAt('Europe/Berlin', Date.parse('2026-07-01T12:00:00Z')) / 60_000).toBe(120);
    expect(offsetAt('Asia/Kolkata', WINTER.getTime()) / 60_000).toBe(330);
    expect(offsetAt('America/Chicago', WINTER.getTime()) / 60_000).toBe(-360);
  });
});
