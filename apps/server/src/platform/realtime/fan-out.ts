/**
 * Writes deliveries to their sockets a slice at a time. A large room would otherwise hold the
 * event loop for the whole fan-out (tens of milliseconds for a thousand sockets), and with it
 * the HTTP answers and database replies waiting behind it, including the commit of the next
 * write. Deliveries go out in the order they were queued, so every socket still gets its events
 * in that order. Under load, deliveries queued back to back for the same sockets are combined
 * (`merge`) before they start, so each socket gets them in one write.
 */
export class FanOut<Target, Delivery> {
  private readonly queue: { targets: readonly Target[]; delivery: Delivery }[] = [];
  /** Position in the first queued delivery's targets. */
  private next = 0;
  /** A slice is running or scheduled: new deliveries wait their turn. */
  private busy = false;
  private queuedWrites = 0;

  constructor(
    private readonly write: (target: Target, delivery: Delivery) => void,
    /** Called once a delivery has been written to all its targets. */
    private readonly done: (delivery: Delivery) => void = () => undefined,
    /** Combines two deliveries for the same targets into one, or answers null when it will not. */
    private readonly merge: (first: Delivery, next: Delivery) => Delivery | null = () => null,
    /** Writes per turn of the event loop. */
    private readonly slice = 128,
    private readonly later: (run: () => void) => void = setImmediate,
  ) {}

  /** Queues one delivery to `targets`; the first slice is written at once when nothing waits. */
  enqueue(targets: readonly Target[], delivery: Delivery): void {
    if (targets.length === 0) return;
    this.queue.push({ targets, delivery });
    this.queuedWrites += targets.length;
    if (!this.busy) this.run();
  }

  /** Writes not done yet. */
  get pending(): number {
    return this.queuedWrites;
  }

  /** Drops everything queued (shutdown). */
  clear(): void {
    this.queue.length = 0;
    this.next = 0;
    this.queuedWrites = 0;
  }

  private run(): void {
    this.busy = true;
    let budget = this.slice;
    while (budget > 0 && this.queue.length > 0) {
      if (this.next === 0) this.combineQueued();
      const { targets, delivery } = this.queue[0]!;
      const end = Math.min(targets.length, this.next + budget);
      for (let index = this.next; index < end; index++) this.write(targets[index]!, delivery);
      budget -= end - this.next;
      this.queuedWrites -= end - this.next;
      if (end === targets.length) {
        this.queue.shift();
        this.next = 0;
        this.done(delivery);
      } else this.next = end;
    }
    if (this.queue.length > 0) this.later(() => this.run());
    else this.busy = false;
  }

  /** Folds the deliveries queued right behind the first one into it while they have its targets. */
  private combineQueued(): void {
    const first = this.queue[0]!;
    for (let next = this.queue[1]; next && sameTargets(first.targets, next.targets); next = this.queue[1]) {
      const merged = this.merge(first.delivery, next.delivery);
      if (merged === null) return;
      first.delivery = merged;
      this.queuedWrites -= next.targets.length;
      this.queue.splice(1, 1);
    }
  }
}

function sameTargets<Target>(a: readonly Target[], b: readonly Target[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
