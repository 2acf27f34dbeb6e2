/**
 * A set of small integers, emptied in constant time and listed in the order they were added.
 * Each member is marked with the generation it was added in; `clear` starts a new generation, so
 * a search that fills and empties a set many times per iteration allocates nothing after the
 * first use.
 */
export class StampedSet {
  private marks: Int32Array;
  private members: Int32Array;
  private generation = 1;
  /** How many members the set has. */
  size = 0;

  constructor(capacity = 16) {
    this.marks = new Int32Array(capacity);
    this.members = new Int32Array(capacity);
  }

  /** Empties the set, with room for members from 0 up to `capacity` (exclusive). */
  clear(capacity: number): void {
    this.size = 0;
    if (this.marks.length < capacity) {
      this.marks = new Int32Array(capacity * 2);
      this.members = new Int32Array(capacity * 2);
      this.generation = 1;
      return;
    }
    // Marks from before a wrap-around would look current again: start over from clean marks.
    if (this.generation === 0x7fffffff) {
      this.marks.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  has(item: number): boolean {
    return this.marks[item] === this.generation;
  }

  /** Adds `item` (below the capacity given to `clear`); false when it was already there. */
  add(item: number): boolean {
    if (this.marks[item] === this.generation) return false;
    this.marks[item] = this.generation;
    this.members[this.size++] = item;
    return true;
  }

  /** The member added `k`-th (from 0). */
  at(k: number): number {
    return this.members[k] as number;
  }

  /** The members in the order they were added, as a new array. */
  toArray(): number[] {
    return Array.from(this.members.subarray(0, this.size));
  }
}
