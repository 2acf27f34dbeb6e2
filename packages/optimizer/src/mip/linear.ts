/**
 * A sparse linear model with two objectives over the same columns — the first level (hard or
 * medium penalty, whichever the model minimizes first) and the soft penalty — built row by row.
 * Kept free of any HiGHS import so a model can be built and inspected without loading
 * WebAssembly; `highs-phase.ts` hands it to HiGHS.
 */

export interface LinearRow {
  readonly columns: number[];
  readonly coefficients: number[];
  readonly lower: number;
  readonly upper: number;
}

export interface ColumnOptions {
  /** Fixed to 1 (pinned work). */
  readonly fixed?: boolean;
  /** A 0/1 variable (default); otherwise continuous in [0, 1]. */
  readonly integer?: boolean;
}

export class LinearModel {
  readonly firstCost: number[] = [];
  readonly softCost: number[] = [];
  readonly lower: number[] = [];
  readonly integer: boolean[] = [];
  readonly rows: LinearRow[] = [];

  addColumn(first: number, soft: number, { fixed = false, integer = true }: ColumnOptions = {}): number {
    this.firstCost.push(first);
    this.softCost.push(soft);
    this.lower.push(fixed ? 1 : 0);
    this.integer.push(integer);
    return this.firstCost.length - 1;
  }

  addRow(columns: number[], coefficients: number[], lower: number, upper: number): void {
    this.rows.push({ columns, coefficients, lower, upper });
  }

  get columnCount(): number {
    return this.firstCost.length;
  }

  get nonZeros(): number {
    return this.rows.reduce((sum, row) => sum + row.columns.length, 0);
  }

  /** The cost of a 0/1 solution on one level. */
  cost(values: ArrayLike<number>, objective: 'first' | 'soft'): number {
    const costs = objective === 'first' ? this.firstCost : this.softCost;
    let sum = 0;
    for (let column = 0; column < costs.length; column++) sum += (costs[column] as number) * (values[column] as number);
    return sum;
  }
}
