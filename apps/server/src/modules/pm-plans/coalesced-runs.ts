/**
 * Runs of a job per key (an organization), at most one running and one waiting: a caller that
 * comes while a run is going joins the waiting run, which starts when the current one ends, so
 * every caller gets the result of a run that started after it came, and N callers at once cost
 * at most two runs. A failed run fails its callers only; the waiting run still starts.
 */
export class CoalescedRuns<T> {
  private readonly slots = new Map<string, { tail: Promise<unknown>; waiting: Promise<T> | null; runs: number }>();

  constructor(private readonly run: (key: string) => Promise<T>) {}

  next(key: string): Promise<T> {
    let slot = this.slots.get(key);
    if (slot?.waiting) return slot.waiting;
    if (!slot) {
      slot = { tail: Promise.resolve(), waiting: null, runs: 0 };
      this.slots.set(key, slot);
    }
    const current = slot;
    const started = current.tail.then(() => {
      // From here on, callers wait for the run after this one.
      current.waiting = null;
      return this.run(key);
    });
    current.waiting = started;
    current.runs++;
    current.tail = started.then(
      () => this.settled(key, current),
      () => this.settled(key, current),
    );
    return started;
  }

  private settled(key: string, slot: { runs: number }): void {
    if (--slot.runs === 0) this.slots.delete(key);
  }
}
