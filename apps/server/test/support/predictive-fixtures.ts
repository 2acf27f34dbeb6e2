import { client } from './server';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A reproducible number in [-1, 1) for (seed, index). */
export function noise(seed: number, index: number): number {
  const x = Math.sin(seed * 12.9898 + index * 78.233) * 43_758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/**
 * A pump's life of `hours` hourly readings that ends in a bearing failure: flat with noise,
 * then over the last 160 hours vibration and bearing temperature climb as the wear grows.
 */
export function pumpLife(hours: number, seed: number): { hour: number; vibration: number; temperature: number }[] {
  return Array.from({ length: hours }, (_, hour) => {
    const wear = Math.max(0, (hour - (hours - 160)) / 160);
    return {
      hour,
      vibration: 2 + 0.15 * noise(seed, hour) + 6 * wear ** 2,
      temperature: 55 + 0.6 * noise(seed + 1, hour) + 25 * wear ** 1.5,
    };
  });
}

/** Sends the hours of a life as readings of its two sensors, hour 0 at `startMs`, in batches. */
export async function sendLife(
  baseUrl: string,
  token: string,
  equipmentId: string,
  life: ReturnType<typeof pumpLife>,
  startMs: number,
): Promise<void> {
  const readings = life.flatMap((point) => [
    { sensor: 'vibration', time: new Date(startMs + point.hour * HOUR).toISOString(), value: point.vibration },
    { sensor: 'bearing temperature', time: new Date(startMs + point.hour * HOUR).toISOString(), value: point.temperature },
  ]);
  for (let i = 0; i < readings.length; i += 4000) {
    const response = await client(baseUrl, token).post(`/api/v1/equipment/${equipmentId}/readings`, {
      readings: readings.slice(i, i + 4000),
    });
    if (response.status !== 200) throw new Error(`readings refused: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
