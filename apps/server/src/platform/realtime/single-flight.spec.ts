import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares one lookup between concurrent requests for a key, and asks again once it settled', async () => {
    const flights = new SingleFlight<string>();
    let lookups = 0;
    let release!: (value: string) => void;
    const lookup = () => {
      lookups++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const together = [flights.run('user-1', lookup), flights.run('user-1', lookup), flights.run('user-1', lookup)];
    expect(lookups).toBe(1);
    release('Ada');
    expect(await Promise.all(together)).toEqual(['Ada', 'Ada', 'Ada']);
    expect(flights.size).toBe(0);
    const later = flights.run('user-1', lookup);
    expect(lookups).toBe(2);
    release('Ada Lovelace');
    expect(await later).toBe('Ada Lovelace');
  });

  it('keeps keys apart, and a failed lookup is not remembered', async () => {
    const flights = new SingleFlight<number>();
    await expect(flights.run('a', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await Promise.all([flights.run('a', async () => 1), flights.run('b', async () => 2)])).toEqual([1, 2]);
    expect(flights.size).toBe(0);
  });
});
