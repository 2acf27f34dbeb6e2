import { type Placeholder, fillPlaceholders, sql } from 'drizzle-orm';

/** Puts a value into a statement: as itself, or as a named placeholder filled at execution. */
export type Bind = <T>(name: string, value: T) => T | Placeholder;

/** Values written into the statement as they are. */
export const inline: Bind = (_name, value) => value;

/** A Drizzle statement that runs as built, or writes its SQL text (placeholders left among its parameters). */
export interface Writable<R> {
  execute(): Promise<R>;
  toSQL(): { sql: string; params: unknown[] };
}

/** The placeholders' values of one execution, and the names that shaped its text. */
class BoundValues {
  readonly values: Record<string, unknown> = {};
  private readonly names: string[] = [];

  bind: Bind = (name, value) => {
    this.names.push(name);
    this.values[name] = value;
    return sql.placeholder(name);
  };

  /** Equal for two executions exactly when their statements have the same text. */
  shape(kind: string): string {
    return `${kind}|${this.names.join(',')}`;
  }
}

/** Kept statements; a new shape beyond this many starts the set afresh (shapes are few in practice). */
const MAX_SHAPES = 1_000;

/**
 * Statements written once per shape and reused with each request's values. Writing a list
 * statement (Drizzle walking its query tree into SQL text) cost ~0.2 ms of CPU per request;
 * with every value bound as a named placeholder the text depends only on which values are
 * present, so it is written once per shape. They run unnamed: PostgreSQL still plans each
 * execution for its own values (organizations differ 50× in size).
 */
export class PreparedStatements {
  private readonly texts = new Map<string, { sql: string; params: unknown[] }>();

  /**
   * Runs the statement `build` makes with `bind`: its text, written once per shape, and this
   * execution's positional values go to `execute` (a driver call of the caller's choice, e.g.
   * rows as arrays). `kind` must name everything the text depends on besides the bound names
   * (e.g. the sort).
   */
  run<R>(kind: string, build: (bind: Bind) => Writable<unknown>, execute: (text: string, values: unknown[]) => Promise<R>): Promise<R> {
    const bound = new BoundValues();
    const statement = build(bound.bind);
    const key = bound.shape(kind);
    let written = this.texts.get(key);
    if (!written) {
      if (this.texts.size >= MAX_SHAPES) this.texts.clear();
      written = statement.toSQL();
      this.texts.set(key, written);
    }
    return execute(written.sql, fillPlaceholders(written.params, bound.values));
  }
}
