import { describe, expect, it } from 'vitest';
import { CoalescedRuns } from './coalesced-runs';

/** A job whose runs end when the test says, numbered in the order they started. */
function controlledJob() {
  const started: { key: string; finish: (fail?: boolean) => void }[] = [];
  const job = (key: string) =>
    new Promise<string>((resolve, reject) => {
      const number = started.length + 1;
      started.push({ key, finish: (fail) => (fail ? reject(new Error(`run ${number} failed`)) : resolve(`${key} run ${number}`)) });
    });
  return { started, job };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced runs', () => {
  it('callers that come while a run goes share the next run: two runs for any number of callers', async () => {
    const { started, job } = controlledJob();
    const runs = new CoalescedRuns(job);
    const first = runs.next('org');
    await turn();
    expect(started).toHaveLength(1);
    const later = Array.from({ length: 10 }, () => runs.next('org'));
    await turn();
    // The waiting run does not start before the current one ends.
    expect(started).toHaveLength(1);
    started[0]!.finish();
    expect(await first).toBe('org run 1');
    await turn();
    expect(started).toHaveLength(2);
    started[1]!.finish();
    expect(await Promise.all(later)).toEqual(Array(10).fill('org run 2'));
  });

  it('a caller after the waiting run has started waits for a run of its own', async () => {
    const { started, job } = controlledJob();
    const runs = new CoalescedRuns(job);
    const first = runs.next('org');
    await turn();
    const second = runs.next('org');
    started[0]!.finish();
    await first;
    await turn();
    const third = runs.next('org');
    started[1]!.finish();
    expect(await second).toBe('org run 2');
    await turn();
    expect(started).toHaveLength(3);
    started[2]!.finish();
    expect(await third).toBe('org run 3');
  });

  it('a failed run fails its own callers only; the waiting run still starts', async () => {
    const { started, job } = controlledJob();
    const runs = new CoalescedRuns(job);
    const first = runs.next('org');
    await turn();
    const second = runs.next('org');
    started[0]!.finish(true);
    await expect(first).rejects.toThrow('run 1 failed');
    await turn();
    started[1]!.finish();
    expect(await second).toBe('org run 2');
  });

  it('keys run independently, and a key with nothing going starts at once', async () => {
    const { started, job } = controlledJob();
    const runs = new CoalescedRuns(job);
    const a = runs.next('a');
    const b = runs.next('b');
    await turn();
    expect(started.map((run) => run.key)).toEqual(['a', 'b']);
    started[1]!.finish();
    started[0]!.finish();
    expect(await Promise.all([a, b])).toEqual(['a run 1', 'b run 2']);
    const again = runs.next('a');
    await turn();
    expect(started).toHaveLength(3);
    started[2]!.finish();
    expect(await again).toBe('a run 3');
  });
});
