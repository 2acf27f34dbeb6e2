/** Timers hold at most ~24.8 days; a later expiry is looked at again then. */
const MAX_TIMER_MS = 2_147_483_647;

interface Group<Item> {
  expiresAt: number;
  items: Set<Item>;
}

/**
 * Calls `expire` for each tracked item once its expiry time has come, with one timer for all of
 * them instead of one per socket: items are grouped by their expiry time (access tokens expire
 * on whole seconds, and every socket opened with the same token shares one), and the timer is
 * armed for the earliest group.
 */
export class ExpirySchedule<Item> {
  private readonly groups = new Map<number, Group<Item>>();
  /** Each item's group (not its time: a number per item would be an allocation per item). */
  private readonly groupOf = new Map<Item, Group<Item>>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(
    private readonly expire: (item: Item) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Tracks `item` until `expiresAt` (replacing any earlier expiry it had). */
  track(item: Item, expiresAt: number): void {
    this.untrack(item);
    let group = this.groups.get(expiresAt);
    if (!group) this.groups.set(expiresAt, (group = { expiresAt, items: new Set() }));
    group.items.add(item);
    this.groupOf.set(item, group);
    if (expiresAt < this.armedFor) this.arm();
  }

  untrack(item: Item): void {
    const group = this.groupOf.get(item);
    if (!group) return;
    this.groupOf.delete(item);
    group.items.delete(item);
    if (group.items.size === 0) this.groups.delete(group.expiresAt);
    // An emptied earliest group leaves the timer to fire early and find nothing due: cheap.
  }

  /** Items tracked. */
  get size(): number {
    return this.groupOf.size;
  }

  /** Items tracked that match (one pass over them all: for statistics, not for a hot path). */
  count(matches: (item: Item) => boolean): number {
    let count = 0;
    for (const item of this.groupOf.keys()) if (matches(item)) count++;
    return count;
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
    this.groups.clear();
    this.groupOf.clear();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
    let earliest = Infinity;
    for (const expiresAt of this.groups.keys()) if (expiresAt < earliest) earliest = expiresAt;
    if (earliest === Infinity) return;
    this.armedFor = earliest;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, earliest - this.now()), MAX_TIMER_MS));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    const due: Item[] = [];
    for (const [expiresAt, group] of this.groups) {
      if (expiresAt > now) continue;
      for (const item of group.items) due.push(item);
    }
    for (const item of due) this.untrack(item);
    this.arm();
    for (const item of due) this.expire(item);
  }
}
