/**
 * One copy of strings that many sockets keep (room keys, room names): each socket refers to the
 * shared copy instead of holding its own. Entries are dropped when nothing needs them any more.
 */
export class SharedStrings {
  private readonly strings = new Map<string, string>();

  get(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  forget(value: string): void {
    this.strings.delete(value);
  }

  get size(): number {
    return this.strings.size;
  }
}
