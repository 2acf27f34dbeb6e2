/** A set of small integers with O(1) add, delete, membership and uniform random picks. */
export class IndexedSet {
  readonly items: number[] = [];
  private readonly position: Int32Array;

  constructor(capacity: number) {
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.items.length;
  }

  has(item: number): boolean {
    return (this.position[item] ?? -1) >= 0;
  }

  add(item: number): void {
    if (this.has(item)) return;
    this.position[item] = this.items.length;
    this.items.push(item);
  }

  delete(item: number): void {
    const at = this.position[item] ?? -1;
    if (at < 0) return;
    const last = this.items.pop() as number;
    if (last !== item) {
      this.items[at] = last;
      this.position[last] = at;
    }
    this.position[item] = -1;
  }
}
