/**
 * A sparse 0/1 linear model with two objectives over the same columns (medium and soft), built
 * row by row and handed to HiGHS in CSR form. Kept free of any HiGHS import so the model can be
 * built and inspected without loading WebAssembly.
 */

export interface LinearRow {
  readonly columns: number[];
  readonly coefficients: number[];
  readonly lower: number;
  readonly upper: number;
}

export class LinearModel {
  readonly mediumCost: number[] = [];
  readonly softCost: number[] = [];
  /** Fixed columns (pinned work) have lower bound 1. */
  readonly lower: number[] = [];
  readonly rows: LinearRow[] = [];

  addColumn(medium: number, soft: number, fixed = false): number {
    this.mediumCost.push(medium);
    this.softCost.push(soft);
    this.lower.push(fixed ? 1 : 0);
    return this.mediumCost.length - 1;
  }

  addRow(columns: number[], coefficients: number[], lower: number, upper: number): void {
    this.rows.push({ columns, coefficients, lower, upper });
  }

  get columnCount(): number {
    return this.mediumCost.length;
  }

  get nonZeros(): number {
    return this.rows.reduce((sum, row) => sum + row.columns.length, 0);
  }
}
